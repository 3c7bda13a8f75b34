using Hearth.Core.Diagnostics;
using Hearth.Testing;

namespace Hearth.Core.Tests.Labs;

public sealed class LabLoaderErrorTests
{
    private static Diagnostic SingleError(string yaml, params (string, string)[] files) => Assert.Single(Errors(yaml, files));

    private static IReadOnlyList<Diagnostic> Errors(string yaml, params (string, string)[] files)
    {
        using var lab = new TempLab(yaml, files);
        return Assert.Throws<LabException>(() => lab.Load()).Diagnostics;
    }

    [Fact]
    public void Unknown_kind_names_its_position_and_suggests_the_closest_kind()
    {
        var error = SingleError("""
            resources:
              fille.motd:
                path: a.txt
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 2, 3), error.Span);
        Assert.Equal("unknown resource kind `fille` in `fille.motd`", error.Message);
        Assert.Equal("did you mean `file`?", error.Hint);
    }

    [Fact]
    public void Unknown_attribute_suggests_the_closest_attribute()
    {
        var error = Errors("""
            resources:
              random_password.db:
                lenght: 32
            """).First(d => d.Message.Contains("lenght", StringComparison.Ordinal));

        Assert.Equal(new SourceSpan("hearth.yaml", 3, 5), error.Span);
        Assert.Equal("random_password has no attribute `lenght`", error.Message);
        Assert.Equal("did you mean `length`?", error.Hint);
    }

    [Fact]
    public void Missing_required_attribute_is_reported_at_the_resource()
    {
        var error = SingleError("""
            resources:
              random_password.db:
                special: false
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 2, 3), error.Span);
        Assert.Equal("random_password.db is missing the required attribute `length`", error.Message);
    }

    [Fact]
    public void Reference_to_an_undeclared_resource_points_at_the_interpolation()
    {
        var error = SingleError("""
            resources:
              data.a:
                input: "x ${data.missing.output}"
              data.mising: {}
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 3, 15), error.Span);
        Assert.Equal("reference to undeclared resource `data.missing`", error.Message);
        Assert.Equal("did you mean `data.mising`?", error.Hint);
    }

    [Fact]
    public void Reference_to_an_unknown_attribute_of_a_declared_resource_is_an_error()
    {
        var error = SingleError("""
            resources:
              file.motd: { path: a.txt, content: hi }
              data.a:
                input: "${file.motd.pathh}"
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 4, 13), error.Span);
        Assert.Equal("file has no attribute `pathh`", error.Message);
        Assert.Equal("did you mean `path`?", error.Hint);
    }

    [Fact]
    public void Unknown_variable_is_an_error_with_a_suggestion()
    {
        var error = SingleError("""
            variables:
              domain: { default: example.test }
            resources:
              data.a:
                input: "${var.domian}"
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 5, 13), error.Span);
        Assert.Equal("unknown variable `var.domian`", error.Message);
        Assert.Equal("did you mean `domain`?", error.Hint);
    }

    [Fact]
    public void Literal_of_the_wrong_type_is_a_type_mismatch()
    {
        var error = SingleError("""
            resources:
              random_password.db:
                length: [1, 2]
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 3, 13), error.Span);
        Assert.Equal("`length` of random_password.db must be number, not a list", error.Message);
    }

    [Fact]
    public void Resource_defined_in_two_files_names_both_positions()
    {
        var error = SingleError("""
            include: [more.yaml]
            resources:
              data.a: { input: 1 }
            """, ("more.yaml", """
            resources:
              data.a: { input: 2 }
            """));

        Assert.Equal(new SourceSpan("more.yaml", 2, 3), error.Span);
        Assert.Equal("`resources.data.a` is defined twice; it is also defined at hearth.yaml:3:3", error.Message);
    }

    [Fact]
    public void Duplicate_key_in_one_mapping_names_both_positions()
    {
        var error = SingleError("""
            resources:
              data.a:
                input: 1
                input: 2
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 4, 5), error.Span);
        Assert.Equal("duplicate key \"input\"; it is also defined at hearth.yaml:3:5", error.Message);
    }

    [Fact]
    public void Cycle_lists_the_full_path()
    {
        var error = SingleError("""
            resources:
              data.a: { input: "${data.b.output}" }
              data.b: { input: "${data.c.output}" }
              data.c: { input: "${data.a.output}" }
            """);

        Assert.Equal("dependency cycle: data.a → data.b → data.c → data.a", error.Message);
        Assert.Equal(new SourceSpan("hearth.yaml", 2, 21), error.Span);
    }

    [Fact]
    public void Invalid_yaml_reports_the_parser_position()
    {
        var error = SingleError("resources:\n  data.a: { input: [1, 2 }\n");

        Assert.Equal("hearth.yaml", error.Span.File);
        Assert.Equal(2, error.Span.Line);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_outside_for_each_is_an_error()
    {
        var error = SingleError("""
            resources:
              data.a: { input: "${each.key}" }
            """);

        Assert.Equal(new SourceSpan("hearth.yaml", 2, 21), error.Span);
        Assert.Equal("`${each.key}` is only valid inside a resource with for_each", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var lab = new TempLab("""
            resources:
              fille.a: {}
              data.b: { inptu: 1 }
            """);

        var error = Assert.Throws<LabException>(() => lab.Load());

        Assert.Equal(2, error.Diagnostics.Count);
    }
}
