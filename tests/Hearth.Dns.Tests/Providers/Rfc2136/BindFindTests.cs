using Hearth.Testing.Bind;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

[Collection(BindCollection.Name)]
public sealed class BindFindTests(BindServer bind) : Rfc2136FindContract
{
    private readonly string _zone = bind.TakeZone();

    protected override string Zone => _zone;

    protected override int Port => bind.Port;

    protected override string KeyName => BindServer.Sha256KeyName;

    protected override string Secret => bind.Sha256Secret;

    protected override Task<BindTools.Result> UpdateAsync(IEnumerable<string> commands) => bind.NsUpdateAsync(_zone, commands, None);

    protected override Task<int> TransferCountAsync() => bind.TransferCountAsync(_zone, None);
}
