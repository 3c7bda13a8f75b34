using System.Collections.Immutable;
using System.Security.Cryptography;
using Hearth.Core.Values;

namespace Hearth.Core.Resources.BuiltIn;

/// <summary><c>random_password</c>: a password from the system's cryptographic generator, kept (sensitive) in state.</summary>
public sealed class RandomPasswordResourceType : ResourceType
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string DefaultSpecial = "!#$%&*()-_=+[]{}<>:?";

    public override string Kind => "random_password";

    public override string Description => "A random password, generated once and kept until its arguments change.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("length", AttributeType.Number, AttributeUse.Required, "Number of characters.", ForcesReplacement: true),
        new AttributeSchema("special", AttributeType.Bool, AttributeUse.Optional, "Include special characters.", ForcesReplacement: true, Default: Value.True),
        new AttributeSchema("override_special", AttributeType.String, AttributeUse.Optional, "The special characters to use instead of the default set.", ForcesReplacement: true),
        new AttributeSchema("keepers", AttributeType.MapOf(AttributeType.String), AttributeUse.Optional, "Arbitrary values; a change generates a new password.", ForcesReplacement: true),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "A unique id assigned at creation."),
        new AttributeSchema("result", AttributeType.String, AttributeUse.Computed, "The password.", Sensitive: true)));

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        if (config.GetNumber("length") is { } length && (length < 1 || length > 4096 || length != decimal.Truncate(length)))
            yield return new AttributeProblem("length", $"length must be a whole number from 1 to 4096, not {length}");
        if (config.GetString("override_special") is "" && config.GetBool("special", true))
            yield return new AttributeProblem("override_special", "override_special is empty", "set special: false instead");
    }

    public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(request.Prior);

    public override Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var length = (int)(request.Config.GetNumber("length") ?? 16);
        var alphabet = Letters + Digits + (request.Config.GetBool("special", true) ? request.Config.GetString("override_special") ?? DefaultSpecial : "");
        var password = RandomNumberGenerator.GetString(alphabet, length);
        return Task.FromResult(request.Config
            .With("id", Value.String(Guid.NewGuid().ToString()))
            .With("result", Value.String(password).MarkSensitive()));
    }

    public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Config.With("id", request.Prior.Get("id")!).With("result", request.Prior.Get("result")!));

    public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Imports an existing password: the import ID is the password itself.</summary>
    public override Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(new MapValue(new ValueMap([
            KeyValuePair.Create("length", Value.Number(request.Id.Length)),
            KeyValuePair.Create("special", Value.Bool(request.Id.Any(c => !char.IsAsciiLetterOrDigit(c)))),
            KeyValuePair.Create("override_special", Value.Null),
            KeyValuePair.Create("keepers", Value.Null),
            KeyValuePair.Create("id", Value.String(Guid.NewGuid().ToString())),
            KeyValuePair.Create("result", Value.String(request.Id).MarkSensitive()),
        ])));
}
