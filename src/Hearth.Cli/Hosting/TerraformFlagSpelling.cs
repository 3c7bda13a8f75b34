namespace Hearth.Cli.Hosting;

/// <summary>
/// Accepts Terraform's single-dash spellings (<c>-auto-approve</c>, <c>-out=FILE</c>, <c>-var K=V</c>) by rewriting
/// them to the double-dash options hearth declares, so a Terraform user's hands work. Only names hearth knows
/// are rewritten; everything after <c>--</c> is left alone.
/// </summary>
internal static class TerraformFlagSpelling
{
    public static string[] Normalize(IReadOnlyList<string> args, IReadOnlySet<string> longOptions)
    {
        var result = new string[args.Count];
        var passThrough = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
                passThrough = true;
            if (!passThrough && arg.Length > 2 && arg[0] == '-' && arg[1] != '-')
            {
                var name = arg[1..].Split('=', 2)[0];
                if (name.Length > 1 && longOptions.Contains("--" + name))
                    arg = "-" + arg;
            }
            result[i] = arg;
        }
        return result;
    }
}
