using Hearth.Cli;
using Hearth.Cli.Hosting;

return await new HearthApplication(CliEnvironment.FromProcess(), HearthServices.CreateDefault()).RunAsync(args);
