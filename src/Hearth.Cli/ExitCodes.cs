namespace Hearth.Cli;

/// <summary>Every exit code hearth returns, in one place.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Any failure: a bad lab, a locked or stale state, failed resources, a refused confirmation.</summary>
    public const int Error = 1;

    /// <summary>With --detailed-exitcode: the plan has changes.</summary>
    public const int ChangesPresent = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT); what finished is saved.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15); what finished is saved.</summary>
    public const int Terminated = 143;
}
