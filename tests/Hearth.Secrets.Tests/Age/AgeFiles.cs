namespace Hearth.Secrets.Tests.Age;

/// <summary>Where the parts of a binary age file are, to cut or change them in tests.</summary>
internal static class AgeFiles
{
    /// <summary>The offset of the first chunk: after the header's MAC line and the 16-byte payload nonce.</summary>
    public static int PayloadStart(byte[] file) => HeaderEnd(file) + 16;

    /// <summary>The offset just after the header's <c>--- MAC</c> line.</summary>
    public static int HeaderEnd(byte[] file)
    {
        var mac = file.AsSpan().IndexOf("\n--- "u8);
        return mac + 1 + file.AsSpan(mac + 1).IndexOf((byte)'\n') + 1;
    }
}
