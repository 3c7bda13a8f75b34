using Hearth.Secrets.Config;

namespace Hearth.Secrets.Tests.Config;

public sealed class SopsConfigLookupTests
{
    [Fact]
    public void Find_walks_up_from_a_subdirectory_to_the_nearest_sops_yaml()
    {
        using var tree = new TempTree();
        var config = tree.Write(".sops.yaml", "creation_rules: []\n");
        var start = tree.CreateDirectory(Path.Combine("apps", "web", "secrets"));

        var lookup = SopsConfigFile.Find(start);

        Assert.Equal(config, lookup.Path);
        Assert.True(lookup.Found);
        Assert.Null(lookup.Warning);
    }

    [Fact]
    public void Find_prefers_the_closest_sops_yaml()
    {
        using var tree = new TempTree();
        tree.Write(".sops.yaml", "creation_rules: []\n");
        var closer = tree.Write(Path.Combine("apps", ".sops.yaml"), "creation_rules: []\n");

        var lookup = SopsConfigFile.Find(tree.CreateDirectory(Path.Combine("apps", "web")));

        Assert.Equal(closer, lookup.Path);
    }

    [Fact]
    public void Find_passes_over_a_sops_yml_and_warns_that_it_used_the_sops_yaml_above()
    {
        using var tree = new TempTree();
        var config = tree.Write(".sops.yaml", "creation_rules: []\n");
        var ignored = tree.Write(Path.Combine("apps", ".sops.yml"), "creation_rules: []\n");

        var lookup = SopsConfigFile.Find(tree.PathOf("apps"));

        Assert.Equal(config, lookup.Path);
        Assert.Equal(
            $"ignoring \"{ignored}\" when searching for config file; the config file must be called \".sops.yaml\"; using \"{config}\" instead",
            lookup.Warning);
    }

    [Fact]
    public void A_lone_sops_yml_is_not_used_and_yields_a_warning()
    {
        using var tree = new TempTree();
        var ignored = tree.Write(".sops.yml", "creation_rules: []\n");

        var lookup = SopsConfigFile.Find(tree.CreateDirectory("apps"));

        // Assumes no .sops.yaml above the temp directory, which a test machine has no reason to hold.
        Assert.False(lookup.Found);
        Assert.Equal($"ignoring \"{ignored}\" when searching for config file; the config file must be called \".sops.yaml\"", lookup.Warning);
    }
}
