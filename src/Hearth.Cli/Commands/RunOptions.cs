using System.Collections.Immutable;
using System.CommandLine;
using Hearth.Cli.Hosting;
using Hearth.Core.Addressing;
using Hearth.Core.Planning;

namespace Hearth.Cli.Commands;

/// <summary>The options of plan, apply and destroy (Terraform's single-dash spellings are accepted too).</summary>
internal sealed class RunOptions
{
    public Option<string[]> Target { get; } = new("--target") { Description = "Limit to this resource and what it depends on (repeatable)", HelpName = "ADDR" };
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Leave out this resource and what depends on it (repeatable)", HelpName = "ADDR" };
    public Option<bool> Input { get; } = new("--input") { Description = "Ask for input when needed (--input=false never asks, as in CI)", DefaultValueFactory = _ => true };
    public Option<string[]> Replace { get; } = new("--replace") { Description = "Replace this instance even if unchanged (repeatable)", HelpName = "ADDR" };
    public Option<bool> Refresh { get; } = new("--refresh") { Description = "Read the real objects before planning (--refresh=false skips it)", DefaultValueFactory = _ => true };
    public Option<bool> RefreshOnly { get; } = new("--refresh-only") { Description = "Only update the state to what exists now" };
    public Option<string[]> Var { get; } = new("--var") { Description = "Set a variable (repeatable)", HelpName = "NAME=VALUE" };
    public Option<string[]> VarFile { get; } = new("--var-file") { Description = "Read variables from a YAML file of NAME: VALUE (repeatable)", HelpName = "FILE" };
    public Option<int> Parallelism { get; } = new("--parallelism") { Description = "Operations run at once", DefaultValueFactory = _ => Core.Planning.PlanOptions.DefaultParallelism, HelpName = "N" };
    public Option<string> LockTimeout { get; } = new("--lock-timeout") { Description = "How long to wait for the state lock (e.g. 30s, 5m)", DefaultValueFactory = _ => "0s", HelpName = "DURATION" };

    public void AddTo(Command command, bool forDestroy = false)
    {
        command.Options.Add(Target);
        command.Options.Add(Exclude);
        command.Options.Add(Input);
        if (!forDestroy)
        {
            command.Options.Add(Replace);
            command.Options.Add(RefreshOnly);
        }
        command.Options.Add(Refresh);
        command.Options.Add(Var);
        command.Options.Add(VarFile);
        command.Options.Add(Parallelism);
        command.Options.Add(LockTimeout);
    }

    public PlanOptions PlanOptions(ParseResult parse, PlanMode mode)
    {
        if (parse.GetValue(RefreshOnly) && mode == PlanMode.Normal)
            mode = PlanMode.RefreshOnly;
        var parallelism = parse.GetValue(Parallelism);
        if (parallelism < 1)
            throw new UsageException("--parallelism must be at least 1");
        return new PlanOptions(mode, parse.GetValue(Refresh), Addresses(parse.GetValue(Target), "--target"),
            Addresses(parse.GetValue(Replace), "--replace"), parallelism, Addresses(parse.GetValue(Exclude), "--exclude"));
    }

    public IReadOnlyList<KeyValuePair<string, string>> Variables(ParseResult parse) => ParseVariables(parse.GetValue(Var) ?? []);

    /// <summary>Any option that would make a different plan was given (refused with a saved plan).</summary>
    public bool ChangesThePlan(ParseResult parse) =>
        new Option[] { Target, Exclude, Replace, Var, VarFile, Refresh, RefreshOnly }.Any(option => parse.GetResult(option) is { Implicit: false });

    public IReadOnlyList<string> VariableFiles(ParseResult parse) => parse.GetValue(VarFile) ?? [];

    public TimeSpan Timeout(ParseResult parse) => ParseTimeout(parse.GetValue(LockTimeout) ?? "0s");

    public static TimeSpan ParseTimeout(string text) =>
        DurationParser.TryParse(text, out var timeout) ? timeout : throw new UsageException($"--lock-timeout \"{text}\" is not a duration; write e.g. 30s or 5m");

    public static IReadOnlyList<KeyValuePair<string, string>> ParseVariables(IEnumerable<string> values) =>
        [.. values.Select(v =>
        {
            var equals = v.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new UsageException($"--var \"{v}\" must be NAME=VALUE");
            return KeyValuePair.Create(v[..equals], v[(equals + 1)..]);
        })];

    private static ImmutableArray<ResourceAddress> Addresses(string[]? values, string option) =>
        [.. (values ?? []).Select(v => ResourceAddress.TryParse(v, out var address)
            ? address
            : throw new UsageException($"{option} \"{v}\" is not a resource address; write kind.name or kind.name[\"key\"]"))];
}
