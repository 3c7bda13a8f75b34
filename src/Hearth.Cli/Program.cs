using Hearth.Cli;
using Hearth.Cli.Hosting;

var environment = CliEnvironment.FromProcess();
return await new HearthApplication(environment, HearthServices.CreateDefault(environment.Variables)).RunAsync(args);
