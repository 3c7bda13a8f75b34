using System.Text.Json;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>JSON values as tree nodes (for <c>set</c>), and value equality of trees.</summary>
internal static class SopsNodeJson
{
    public static SopsNode From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SopsMap([.. element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, From(p.Value)))]),
        JsonValueKind.Array => new SopsList([.. element.EnumerateArray().Select(From)]),
        JsonValueKind.String => new SopsScalar(element.GetString()),
        JsonValueKind.Number => new SopsScalar(element.TryGetInt64(out var integer) ? integer : element.GetDouble()),
        JsonValueKind.True => new SopsScalar(true),
        JsonValueKind.False => new SopsScalar(false),
        _ => new SopsScalar(null),
    };

    public static bool Equal(SopsNode a, SopsNode b) => (a, b) switch
    {
        (SopsMap x, SopsMap y) => x.Values.Count() == y.Values.Count() && x.Values.Zip(y.Values).All(p => p.First.Key == p.Second.Key && Equal(p.First.Value, p.Second.Value)),
        (SopsList x, SopsList y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        (SopsScalar x, SopsScalar y) => Equals(x.Value, y.Value),
        _ => false,
    };
}
