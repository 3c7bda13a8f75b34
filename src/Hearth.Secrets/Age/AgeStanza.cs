using System.Text;

namespace Hearth.Secrets.Age;

/// <summary>One recipient stanza of an age header: <c>-&gt; TYPE ARGUMENTS…</c>, then a body (usually a wrapped file key).</summary>
internal sealed record AgeStanza(string Type, IReadOnlyList<string> Arguments, byte[] Body)
{
    public void AppendTo(StringBuilder header)
    {
        header.Append("-> ").Append(Type);
        foreach (var argument in Arguments)
            header.Append(' ').Append(argument);
        header.Append('\n');
        AgeBase64.AppendWrapped(header, AgeBase64.EncodeRaw(Body));
    }
}
