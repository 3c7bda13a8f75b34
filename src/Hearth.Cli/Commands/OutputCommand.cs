using System.CommandLine;
using System.Text.Json;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.Values;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth output [NAME] [--json] [--raw]</c>: prints outputs from the state; sensitive ones only on request.</summary>
internal static class OutputCommand
{
    public static Command Create(CommandActions actions)
    {
        var name = new Argument<string?>("NAME") { Description = "One output", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "JSON, sensitive values included" };
        var raw = new Option<bool>("--raw") { Description = "The bare value of one output (strings without quotes), sensitive included" };
        var command = new Command("output", "Print the lab's outputs");
        command.Arguments.Add(name);
        command.Options.Add(json);
        command.Options.Add(raw);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var state = await (await context.StateOnlyBackendAsync(cancellationToken)).ReadAsync(cancellationToken) ?? StateDocument.CreateNew();
            var wanted = parse.GetValue(name);
            var outputs = state.Outputs.Where(o => wanted is null || o.Key == wanted).ToList();
            if (wanted is not null && outputs.Count == 0)
                throw new StateException($"output `{wanted}` is not in the state",
                    state.Outputs.IsEmpty ? "apply the lab first; outputs are recorded by apply" : NameSuggester.Hint(wanted, state.Outputs.Keys.ToList(), "output"));
            if (parse.GetValue(raw))
            {
                if (wanted is null)
                    throw new UsageException("--raw needs an output NAME");
                var value = outputs[0].Value.Value.Unmarked();
                await context.Terminal.Output.WriteAsync(value is StringValue s ? s.Text : Json(value));
                return ExitCodes.Success;
            }
            if (parse.GetValue(json))
            {
                await context.Terminal.Output.WriteLineAsync(wanted is null ? JsonAll(outputs) : Json(outputs[0].Value.Value.Unmarked()));
                return ExitCodes.Success;
            }
            foreach (var (key, output) in outputs)
            {
                var text = output.Sensitive ? "(sensitive value)" : ValueText.Format(output.Value);
                context.Terminal.Line(wanted is null ? $"{key} = {text}" : text);
            }
            if (wanted is not null && outputs[0].Value.Sensitive)
                context.Terminal.ErrorLine($"  `{wanted}` is sensitive: use --raw or --json to print it");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Json(Value value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StateSerializer.CompactWriterOptions))
            ValueJson.Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string JsonAll(IEnumerable<KeyValuePair<string, OutputState>> outputs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StateSerializer.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, output) in outputs)
            {
                writer.WriteStartObject(name);
                writer.WriteBoolean("sensitive", output.Sensitive);
                writer.WriteString("type", output.Value.TypeName);
                writer.WritePropertyName("value");
                ValueJson.Write(writer, output.Value);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
