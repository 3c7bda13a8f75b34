using System.Collections.Immutable;
using System.Diagnostics;
using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.Resources.BuiltIn;

/// <summary>
/// <c>exec</c>: runs a command on create and again whenever its triggers (or the command) change; runs
/// <c>destroy_command</c> on delete. The escape hatch for what no kind covers yet. Commands are argument
/// lists, never shell strings; output that contains a sensitive input is redacted before it is kept.
/// </summary>
public sealed class ExecResourceType : ResourceType
{
    /// <summary>How much of a failing command's output an error message quotes.</summary>
    private const int ErrorOutputChars = 2000;

    public override string Kind => "exec";

    public override string Description => "Runs a command on create and whenever its triggers change.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("command", AttributeType.ListOf(AttributeType.String), AttributeUse.Required, "Program and arguments.", ForcesReplacement: true),
        new AttributeSchema("destroy_command", AttributeType.ListOf(AttributeType.String), AttributeUse.Optional, "Program and arguments run on delete."),
        new AttributeSchema("triggers", AttributeType.MapOf(AttributeType.Any), AttributeUse.Optional, "Values whose change runs the command again.", ForcesReplacement: true),
        new AttributeSchema("environment", AttributeType.MapOf(AttributeType.String), AttributeUse.Optional, "Extra environment variables.", ForcesReplacement: true),
        new AttributeSchema("working_dir", AttributeType.String, AttributeUse.Optional, "Directory to run in, relative to the lab.", ForcesReplacement: true),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "A unique id assigned at creation."),
        new AttributeSchema("stdout", AttributeType.String, AttributeUse.Computed, "What the command printed."),
        new AttributeSchema("exit_code", AttributeType.Number, AttributeUse.Computed, "The command's exit code.")));

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        if (config.Get("command") is ListValue { Items.Count: 0 })
            yield return new AttributeProblem("command", "command is empty", "give the program and its arguments as a list, e.g. [\"sh\", \"-c\", \"echo hi\"]");
    }

    public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(request.Prior);

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var (exitCode, stdout) = await RunAsync(request.LabDirectory, request.Config, request.Config.GetStrings("command"), cancellationToken);
        Value output = Value.String(stdout);
        return request.Config
            .With("id", Value.String(Guid.NewGuid().ToString()))
            .With("stdout", request.Config.ContainsSensitive ? output.MarkSensitive() : output)
            .With("exit_code", Value.Number(exitCode));
    }

    public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Config
            .With("id", request.Prior.Get("id")!)
            .With("stdout", request.Prior.Get("stdout") ?? Value.String(""))
            .With("exit_code", request.Prior.Get("exit_code") ?? Value.Number(0)));

    public override async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var destroy = request.Prior.GetStrings("destroy_command");
        if (destroy.Count > 0)
            await RunAsync(request.LabDirectory, request.Prior, destroy, cancellationToken);
    }

    private static async Task<(int ExitCode, string Stdout)> RunAsync(string labDirectory, MapValue config, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var secrets = config.SensitiveStrings();
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = Path.GetFullPath(config.GetString("working_dir") ?? ".", labDirectory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        // Hearth's own inputs (variable values, age keys) are not the command's business unless the lab passes them.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("HEARTH_VAR_", StringComparison.Ordinal) || k.StartsWith("SOPS_AGE_KEY", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (name, value) in config.GetStringMap("environment"))
            start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ResourceException($"cannot run `{ResourceObject.Redact(command[0], secrets)}`: {ResourceObject.Redact(e.Message, secrets)}", "check that the program is installed and on PATH");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = ResourceObject.Redact(await stdout, secrets);
        if (process.ExitCode != 0)
        {
            var error = ResourceObject.Redact((await stderr).Trim(), secrets);
            if (error.Length > ErrorOutputChars)
                error = "…" + error[^ErrorOutputChars..];
            throw new ResourceException(
                $"`{ResourceObject.Redact(string.Join(' ', command), secrets)}` exited with code {process.ExitCode}{(error.Length > 0 ? ":\n" + error : "")}",
                "fix the command; apply will run it again");
        }
        return (process.ExitCode, output);
    }
}
