using Hearth.Cli;
using Hearth.Cli.Hosting;

var environment = CliEnvironment.FromProcess();
var exitCode = await new HearthApplication(environment, HearthServices.CreateDefault(environment.Variables)).RunAsync(args);
try
{
    // Output into a file or pipe is written in blocks: the last one goes out before the process ends.
    await environment.Output.FlushAsync();
}
catch (IOException e)
{
    await Console.Error.WriteLineAsync($"Error: {e.Message}");
    return ExitCodes.Error;
}
return exitCode;
