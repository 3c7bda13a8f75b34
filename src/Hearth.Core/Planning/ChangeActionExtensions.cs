namespace Hearth.Core.Planning;

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
