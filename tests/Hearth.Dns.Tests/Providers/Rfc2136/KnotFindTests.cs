using Hearth.Testing.Bind;
using Hearth.Testing.Knot;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

[Collection(KnotCollection.Name)]
public sealed class KnotFindTests(KnotServer knot) : Rfc2136FindContract
{
    private readonly string _zone = knot.TakeZone();

    protected override string Zone => _zone;

    protected override int Port => knot.Port;

    protected override string KeyName => KnotServer.KeyName;

    protected override string Secret => knot.Secret;

    protected override Task<BindTools.Result> UpdateAsync(IEnumerable<string> commands) => knot.KnsUpdateAsync(_zone, commands, None);

    protected override Task<int> TransferCountAsync() => knot.TransferCountAsync(_zone, None);
}
