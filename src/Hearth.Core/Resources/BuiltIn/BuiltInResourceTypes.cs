namespace Hearth.Core.Resources.BuiltIn;

/// <summary>The kinds every lab has, whatever modules are present.</summary>
public static class BuiltInResourceTypes
{
    public static IEnumerable<ResourceType> Create() =>
        [new DataResourceType(), new FileResourceType(), new RandomPasswordResourceType(), new ExecResourceType()];
}
