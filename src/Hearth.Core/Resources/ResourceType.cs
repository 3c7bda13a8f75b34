using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>
/// A kind of resource (<c>file</c>, <c>dns_record</c>, <c>proxmox_vm</c>): its schema and the operations that
/// observe and change the real objects. Operations throw <see cref="ResourceException"/> for failures a user
/// can act on; anything else is reported as an unexpected error of that resource. Objects are maps of
/// attributes; a returned object must include every attribute of the schema (computed ones filled in).
/// </summary>
public abstract class ResourceType
{
    public abstract string Kind { get; }

    public abstract string Description { get; }

    public abstract ResourceSchema Schema { get; }

    /// <summary>
    /// The object apply is expected to produce. The default keeps the prior value of computed attributes when
    /// updating and leaves them unknown when creating; a type overrides this to know more at plan time.
    /// </summary>
    public virtual MapValue Plan(PlanRequest request)
    {
        var planned = request.Config.Entries;
        foreach (var attribute in Schema.Attributes.Where(a => a.IsComputed && !request.Config.Entries.ContainsKey(a.Name)))
        {
            var prior = request.Prior?.Get(attribute.Name);
            planned = planned.SetItem(attribute.Name, prior ?? Value.Unknown);
        }
        return new MapValue(planned);
    }

    /// <summary>
    /// Checks arguments beyond their types (one of two attributes required, a value out of range). Called at
    /// plan time with known values; each problem names the attribute it concerns, or null for the resource.
    /// </summary>
    public virtual IEnumerable<AttributeProblem> Validate(MapValue config) => [];

    /// <summary>Observes the object; returns what exists now, or null when it has been deleted outside Hearth.</summary>
    public abstract Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken);

    public abstract Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken);

    public abstract Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken);

    /// <summary>Returns the existing object with <see cref="ImportRequest.Id"/>, or null when there is none.</summary>
    /// <exception cref="ResourceException">The kind cannot import.</exception>
    public virtual Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken) =>
        throw new ResourceException($"{Kind} resources cannot be imported", "declare the resource and let apply create it");
}
