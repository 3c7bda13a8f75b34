using Hearth.Cli;
using Hearth.Cli.Hosting;

var environment = CliEnvironment.FromProcess();
try
{
    return await new HearthApplication(environment, HearthServices.CreateDefault(environment.Variables)).RunAsync(args);
}
finally
{
    // Output into a file or pipe is written in blocks: the last one goes out before the process ends.
    await environment.Output.FlushAsync();
}
