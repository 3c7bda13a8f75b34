namespace Hearth.Secrets.Sops;

/// <summary>A decrypted file with what writing it back needs: its data key and the IVs of its values.</summary>
public sealed record SopsOpened(IReadOnlyList<SopsMap> Documents, byte[] DataKey, SopsIvStash IvStash)
{
    public override string ToString() => "SopsOpened(redacted)";
}
