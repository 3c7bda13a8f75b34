namespace Hearth.Core.Planning;

/// <summary>What apply will do to one resource instance; symbols as Terraform prints them.</summary>
public enum ChangeAction
{
    NoOp,
    Create,
    Update,
    /// <summary><c>-/+</c>: delete the old object, then create the new one.</summary>
    DeleteThenCreate,
    /// <summary><c>+/-</c>: create the new object, then delete the old one (create_before_destroy).</summary>
    CreateThenDelete,
    Delete,
}
