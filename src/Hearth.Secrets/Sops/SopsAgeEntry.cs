namespace Hearth.Secrets.Sops;

public sealed record SopsAgeEntry(string Recipient, string Enc);
