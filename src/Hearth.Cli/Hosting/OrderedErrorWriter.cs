using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Standard error beside a <see cref="DeferredFlushWriter"/> output: standard output is flushed before each write here,
/// so a log holding both (<c>2&gt;&amp;1</c>) keeps them in the order they were written.
/// </summary>
internal sealed class OrderedErrorWriter(TextWriter error, TextWriter output) : TextWriter
{
    public override Encoding Encoding => error.Encoding;

    public override void Write(char value)
    {
        output.Flush();
        error.Write(value);
    }

    public override void Write(string? value)
    {
        output.Flush();
        error.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        output.Flush();
        error.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        output.Flush();
        error.Write(buffer);
    }

    public override void WriteLine(string? value)
    {
        output.Flush();
        error.WriteLine(value);
    }

    public override void Flush() => error.Flush();
}
