using Hearth.Core.Applying;

namespace Hearth.Cli.Rendering;

/// <summary>Hands each apply event to several observers, in order.</summary>
internal sealed class ApplyObservers(IReadOnlyList<IApplyObserver> observers) : IApplyObserver
{
    public void OnEvent(ApplyEvent applyEvent)
    {
        foreach (var observer in observers)
            observer.OnEvent(applyEvent);
    }
}
