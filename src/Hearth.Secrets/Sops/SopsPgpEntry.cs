namespace Hearth.Secrets.Sops;

public sealed record SopsPgpEntry(string Fingerprint, string Enc);
