using System.Runtime.InteropServices;
using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Whether a path is a regular file, which .NET does not say (a device or FIFO reads as a Normal file of length 0).
/// Through statx, whose layout is the same on every Linux architecture.
/// </summary>
internal static class UnixFileType
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeField = 0x1; // STATX_TYPE
    private const int ModeOffset = 28; // struct statx: stx_mode, 16 bits
    private const int TypeMask = 0xF000, RegularFile = 0x8000;

    /// <summary>True for a regular file (links followed) and wherever the type cannot be read; false for a device, FIFO, socket or directory.</summary>
    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return true;
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var status = new byte[256];
        try
        {
            if (StatX(CurrentDirectory, ref name[0], 0, TypeField, ref status[0]) != 0)
                return true;
        }
        catch (EntryPointNotFoundException)
        {
            return true; // A C library older than statx (glibc 2.28).
        }
        return (BitConverter.ToUInt16(status, ModeOffset) & TypeMask) == RegularFile;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatX(int directory, ref byte path, int flags, uint mask, ref byte status);
}
