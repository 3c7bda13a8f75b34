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

public static class ChangeActionExtensions
{
    public static bool IsReplace(this ChangeAction action) => action is ChangeAction.DeleteThenCreate or ChangeAction.CreateThenDelete;

    public static bool Creates(this ChangeAction action) => action is ChangeAction.Create || action.IsReplace();

    public static bool Deletes(this ChangeAction action) => action is ChangeAction.Delete || action.IsReplace();

    public static string Symbol(this ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.DeleteThenCreate => "-/+",
        ChangeAction.CreateThenDelete => "+/-",
        ChangeAction.Delete => "-",
        _ => " ",
    };

    /// <summary>The action list of the JSON plan: ["create"], ["delete","create"], …</summary>
    public static string[] JsonActions(this ChangeAction action) => action switch
    {
        ChangeAction.Create => ["create"],
        ChangeAction.Update => ["update"],
        ChangeAction.DeleteThenCreate => ["delete", "create"],
        ChangeAction.CreateThenDelete => ["create", "delete"],
        ChangeAction.Delete => ["delete"],
        _ => ["no-op"],
    };
}
