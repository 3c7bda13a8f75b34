using System.CommandLine;
using System.Collections.Immutable;
using Hearth.Cli.Rendering;
using Hearth.Core.Addressing;
using Hearth.Core.Evaluation;
using Hearth.Core.Planning;
using Hearth.Core.Resources;

namespace Hearth.Cli.Commands;

/// <summary>
/// <c>hearth bootstrap state --bucket NAME --key NAME</c>: the chicken-and-egg of keeping the state in B2. With the
/// state still local it applies the lab's state bucket and its restricted key (the key's secret goes into its SOPS
/// file), copies the state into the bucket, and points the lab's <c>state:</c> section at it. Each step finds its work
/// done when run again, so the command can be repeated after any failure.
/// </summary>
internal static class BootstrapCommand
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("bootstrap", "Create what the lab needs before its state can live remotely");
        command.Subcommands.Add(State(actions));
        return command;
    }

    private static Command State(CommandActions actions)
    {
        var run = new RunOptions();
        var bucket = new Option<string>("--bucket") { Description = "The storage.b2.buckets entry that will hold the state", Required = true, HelpName = "NAME" };
        var key = new Option<string>("--key") { Description = "The storage.b2.keys entry restricted to that bucket, whose secret the state section will read", Required = true, HelpName = "NAME" };
        var stateKey = new Option<string>("--state-key") { Description = "The state's file name in the bucket", DefaultValueFactory = _ => "state.json", HelpName = "PATH" };
        var command = new Command("state", "Create the B2 state bucket and its key with local state, then move the state into the bucket");
        command.Options.Add(bucket);
        command.Options.Add(key);
        command.Options.Add(stateKey);
        foreach (var option in new Option[] { run.Var, run.VarFile, run.LockTimeout })
            command.Options.Add(option);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var bucketAddress = new ResourceAddress("b2_bucket", parse.GetValue(bucket)!);
            var keyAddress = new ResourceAddress("b2_key", parse.GetValue(key)!);
            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            foreach (var address in new[] { bucketAddress, keyAddress })
            {
                if (lab.FindResource(address) is null)
                    throw new UsageException($"the lab declares no {address}", $"declare it under storage.b2.{(address.Kind == "b2_bucket" ? "buckets" : "keys")}, or name one the lab has");
            }
            if (lab.State.Backend == "b2")
            {
                context.Terminal.Line($"The lab's state is already kept in B2 ({(await context.BackendAsync(lab, cancellationToken)).Location}): nothing to do.", Styles.Success);
                return ExitCodes.Success;
            }
            if (lab.State.Backend != "local")
                throw new UsageException($"the lab's state is kept by the {lab.State.Backend} backend", "bootstrap starts from a local state; use `hearth state migrate --to FILE` to move it");

            var timeout = run.Timeout(parse);
            var local = await context.BackendAsync(lab, cancellationToken);
            await using (var session = await local.OpenAsync(context.Lock("bootstrap", local), timeout, cancellationToken))
            {
                var plan = await new Planner(context.Services.Registry, context.Services.Secrets).PlanAsync(lab, session.Current,
                    new PlanOptions(Targets: [bucketAddress, keyAddress]), cancellationToken);
                new PlanRenderer(context.Terminal).Render(plan);
                if (plan.HasChanges && await ApplyRunner.ApplyAsync(context, lab, plan, session, destroy: false) != ExitCodes.Success)
                    return ExitCodes.Error;
            }

            var state = await local.ReadAsync(cancellationToken);
            var bucketName = state?.Find(bucketAddress)?.Attributes.GetString("name");
            var secretsFile = state?.Find(keyAddress)?.Attributes.GetString("write_to");
            if (bucketName is null || secretsFile is null)
                throw new UsageException($"{bucketAddress} and {keyAddress} are not both in the state after the apply", "see the errors above, fix them, and run bootstrap again");
            var providers = await ProviderEvaluation.ResolveAsync(lab, context.Services.Secrets, state!, cancellationToken);
            var section = StateSection(bucketName, parse.GetValue(stateKey)!, secretsFile, providers.Find("b2")?.GetString("endpoint"));

            var targetSettings = LabSectionText.ParseState(section, lab.Directory);
            var target = await context.StateOnlyBackendAsync(targetSettings, cancellationToken);
            await StateMigration.CopyAsync(context, local, target, force: false, timeout, cancellationToken);
            var file = await LabSectionText.ReplaceStateAsync(lab.Directory, section, cancellationToken);
            context.Terminal.Line($"The lab's state: section in {file} now names {target.Location}. The local state is left in place: remove it " +
                $"({Path.GetRelativePath(lab.Directory, Path.GetFullPath(lab.State.Path, lab.Directory))}) once `hearth plan` shows no changes.", Styles.Success);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The state section for B2, reading the key from the SOPS file bootstrap had it written into.</summary>
    private static string StateSection(string bucket, string stateKey, string secretsFile, string? endpoint)
    {
        var lines = ImmutableArray.Create(
            "state:",
            "  backend: b2",
            $"  bucket: {bucket}",
            $"  key: {stateKey}",
            $"  application_key_id: \"${{secret:{secretsFile}#key_id}}\"",
            $"  application_key: \"${{secret:{secretsFile}#key}}\"");
        if (endpoint is not null && endpoint != "https://api.backblazeb2.com")
            lines = lines.Add($"  endpoint: \"{endpoint}\"");
        return string.Join('\n', lines) + "\n";
    }
}
