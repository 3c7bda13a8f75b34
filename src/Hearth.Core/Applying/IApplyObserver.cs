namespace Hearth.Core.Applying;

/// <summary>Receives apply events; called from several threads at once.</summary>
public interface IApplyObserver
{
    void OnEvent(ApplyEvent applyEvent);
}
