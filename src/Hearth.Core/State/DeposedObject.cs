namespace Hearth.Core.State;

/// <summary>
/// An object that a create-before-destroy replacement has pushed aside: the new object holds the address, and
/// this one is deleted once it is made. It is in the state from the moment the replacement starts, so a run
/// that stops between the create and the delete leaves it recorded, and the next plan deletes it.
/// </summary>
/// <param name="Key">Tells apart several objects deposed from one address (eight hex digits).</param>
public sealed record DeposedObject(string Key, ResourceInstanceState Instance)
{
    public Addressing.ResourceAddress Address => Instance.Address;

    public static string NewKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
}
