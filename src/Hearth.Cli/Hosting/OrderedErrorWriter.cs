using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Standard error beside a <see cref="DeferredFlushWriter"/> output: standard output is flushed before each write here,
/// so a log holding both (<c>2&gt;&amp;1</c>) keeps them in the order they were written.
/// </summary>
internal sealed class OrderedErrorWriter(TextWriter error, TextWriter output) : TextWriter
{
    public override Encoding Encoding => error.Encoding;

    /// <summary>Before each write: an error must still be shown when standard output can no longer be written.</summary>
    private void FlushOutput()
    {
        try
        {
            output.Flush();
        }
        catch (IOException)
        {
            // Reported by whoever writes standard output next; standard error still works.
        }
    }

    public override void Write(char value)
    {
        FlushOutput();
        error.Write(value);
    }

    public override void Write(string? value)
    {
        FlushOutput();
        error.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        FlushOutput();
        error.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        FlushOutput();
        error.Write(buffer);
    }

    public override void WriteLine(string? value)
    {
        FlushOutput();
        error.WriteLine(value);
    }

    public override void Flush() => error.Flush();
}
