using System.Text;
using Hearth.Core.Labs;

namespace Hearth.Cli.Rendering;

/// <summary>Writes the lab's resource graph; edges point from a resource to what it depends on, as Terraform's do.</summary>
internal static class GraphFormatter
{
    public static string Dot(Lab lab)
    {
        var text = new StringBuilder();
        text.Append("digraph \"").Append(lab.Name).Append("\" {\n");
        text.Append("  rankdir = \"RL\";\n");
        text.Append("  node [shape = box];\n");
        foreach (var resource in lab.Resources.OrderBy(r => r.Address))
            text.Append("  \"").Append(Escape(resource.Address.ToString())).Append("\";\n");
        foreach (var resource in lab.Resources.OrderBy(r => r.Address))
        {
            foreach (var dependency in resource.Dependencies.Order())
                text.Append("  \"").Append(Escape(resource.Address.ToString())).Append("\" -> \"").Append(Escape(dependency.ToString())).Append("\";\n");
        }
        return text.Append("}\n").ToString();
    }

    public static string Mermaid(Lab lab)
    {
        var ids = lab.Resources.OrderBy(r => r.Address).Select((r, i) => (r.Address, Id: $"r{i}")).ToDictionary(p => p.Address, p => p.Id);
        var text = new StringBuilder("flowchart RL\n");
        foreach (var (address, id) in ids)
            text.Append("  ").Append(id).Append("[\"").Append(address.ToString().Replace("\"", "#quot;", StringComparison.Ordinal)).Append("\"]\n");
        foreach (var resource in lab.Resources.OrderBy(r => r.Address))
        {
            foreach (var dependency in resource.Dependencies.Order())
                text.Append("  ").Append(ids[resource.Address]).Append(" --> ").Append(ids[dependency]).Append('\n');
        }
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
