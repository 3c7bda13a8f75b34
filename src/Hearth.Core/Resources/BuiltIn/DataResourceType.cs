using System.Collections.Immutable;
using Hearth.Core.Values;

namespace Hearth.Core.Resources.BuiltIn;

/// <summary>
/// <c>data</c>: holds a value and does nothing else, like terraform_data. Its output equals its input, so
/// other resources can depend on a value; changing <c>triggers_replace</c> replaces it.
/// </summary>
public sealed class DataResourceType : ResourceType
{
    public override string Kind => "data";

    public override string Description => "A value held in state; output equals input. No side effects.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("input", AttributeType.Any, AttributeUse.Optional, "Any value; copied to output."),
        new AttributeSchema("triggers_replace", AttributeType.Any, AttributeUse.Optional, "Any value; a change replaces the resource.", ForcesReplacement: true),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "A unique id assigned at creation."),
        new AttributeSchema("output", AttributeType.Any, AttributeUse.Computed, "The input, once applied.")));

    public override MapValue Plan(PlanRequest request) =>
        request.Config
            .With("id", request.Prior?.Get("id") ?? Value.Unknown)
            .With("output", request.Config.Get("input") ?? Value.Null);

    public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(request.Prior);

    public override Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Config
            .With("id", Value.String(Guid.NewGuid().ToString()))
            .With("output", request.Config.Get("input") ?? Value.Null));

    public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Config
            .With("id", request.Prior.Get("id") ?? Value.String(Guid.NewGuid().ToString()))
            .With("output", request.Config.Get("input") ?? Value.Null));

    public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(new MapValue(new ValueMap([
            KeyValuePair.Create("id", Value.String(request.Id)),
            KeyValuePair.Create("input", Value.Null),
            KeyValuePair.Create("triggers_replace", Value.Null),
            KeyValuePair.Create("output", Value.Null),
        ])));
}
