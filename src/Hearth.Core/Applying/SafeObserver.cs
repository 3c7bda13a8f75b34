namespace Hearth.Core.Applying;

/// <summary>Shields the apply from an observer that throws: progress display must never stop real work.</summary>
internal sealed class SafeObserver(IApplyObserver inner) : IApplyObserver
{
    public void OnEvent(ApplyEvent applyEvent)
    {
        try
        {
            inner.OnEvent(applyEvent);
        }
        catch (Exception)
        {
            // Deliberately ignored: see the class summary.
        }
    }
}
