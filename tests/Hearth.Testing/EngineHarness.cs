using System.Collections.Concurrent;
using Hearth.Core.Applying;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Resources.BuiltIn;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Core.State.Local;

namespace Hearth.Testing;

/// <summary>
/// Plans and applies a temporary lab with the built-in kinds plus the recording <c>test</c> kind, against a real
/// local state in the lab's directory, the way the CLI does.
/// </summary>
public sealed class EngineHarness : IDisposable
{
    public EngineHarness(string hearthYaml, params (string Path, string Content)[] files)
        : this(hearthYaml, [], [], files)
    {
    }

    /// <param name="moduleKinds">Kinds a module adds (dns_record…), registered beside the built-in and test kinds.</param>
    /// <param name="sections">The module sections the lab may use (dns:…).</param>
    public EngineHarness(string hearthYaml, IReadOnlyList<ResourceType> moduleKinds, IReadOnlyList<ILabSection> sections, params (string Path, string Content)[] files)
    {
        Lab = new TempLab(hearthYaml, files);
        Test = new RecordingResourceType(Log);
        Registry = new ResourceTypeRegistry([.. BuiltInResourceTypes.Create(), Test, .. moduleKinds]);
        Sections = sections;
        Backend = new LocalStateBackend(Lab.PathOf(".hearth/state.json"), "test");
    }

    public IReadOnlyList<ILabSection> Sections { get; }

    public TempLab Lab { get; }

    public OperationLog Log { get; } = new();

    public RecordingResourceType Test { get; }

    public ResourceTypeRegistry Registry { get; }

    public LocalStateBackend Backend { get; }

    /// <summary>Apply events in the order they were published.</summary>
    public ConcurrentQueue<ApplyEvent> Events { get; } = new();

    public Lab Load(params (string Name, string Value)[] variables) =>
        Lab.Load([.. variables.Select(v => KeyValuePair.Create(v.Name, v.Value))], registry: Registry, sections: Sections);

    public async Task<StateDocument> StateAsync() => await Backend.ReadAsync(CancellationToken.None) ?? StateDocument.CreateNew();

    public async Task<Plan> PlanAsync(PlanOptions? options = null, Lab? lab = null)
    {
        lab ??= Load();
        await using var session = await Backend.OpenAsync(LockInfo.ForCurrentProcess("plan", "test", "test"), TimeSpan.Zero, CancellationToken.None);
        return await new Planner(Registry, new UnavailableSecretResolver()).PlanAsync(lab, session.Current, options ?? new PlanOptions(), CancellationToken.None);
    }

    public async Task<(Plan Plan, ApplyResult Result)> ApplyAsync(PlanOptions? options = null, Lab? lab = null, int parallelism = PlanOptions.DefaultParallelism,
        CancellationToken stop = default)
    {
        lab ??= Load();
        await using var session = await Backend.OpenAsync(LockInfo.ForCurrentProcess("apply", "test", "test"), TimeSpan.Zero, CancellationToken.None);
        var plan = await new Planner(Registry, new UnavailableSecretResolver()).PlanAsync(lab, session.Current, options ?? new PlanOptions(), CancellationToken.None);
        var applier = new Applier(Registry, new UnavailableSecretResolver(), new Observer(Events));
        var result = await applier.ApplyAsync(lab, plan, session, new ApplyOptions(parallelism), stop, CancellationToken.None);
        return (plan, result);
    }

    public void Dispose() => Lab.Dispose();

    private sealed class Observer(ConcurrentQueue<ApplyEvent> events) : IApplyObserver
    {
        public void OnEvent(ApplyEvent applyEvent) => events.Enqueue(applyEvent);
    }
}
