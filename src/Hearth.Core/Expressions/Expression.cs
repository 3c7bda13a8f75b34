using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.Expressions;

/// <summary>A value as written in the lab, before evaluation; every node keeps its source position.</summary>
public abstract record Expression(SourceSpan Span)
{
    /// <summary>Every reference inside this expression, depth first.</summary>
    public IEnumerable<ReferenceExpression> References() => Descendants().OfType<ReferenceExpression>();

    /// <summary>Every secret lookup inside this expression.</summary>
    public IEnumerable<SecretExpression> Secrets() => Descendants().OfType<SecretExpression>();

    public IEnumerable<Expression> Descendants()
    {
        yield return this;
        foreach (var child in Children())
            foreach (var descendant in child.Descendants())
                yield return descendant;
    }

    protected virtual IEnumerable<Expression> Children() => [];
}

/// <summary>A plain YAML scalar or a piece of literal text in a template.</summary>
public sealed record LiteralExpression(Value Value, SourceSpan Span) : Expression(Span);

/// <summary>Text with <c>${…}</c> interpolations; always evaluates to a string.</summary>
public sealed record TemplateExpression(ImmutableArray<Expression> Parts, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Parts;
}

/// <summary><c>var.x</c>, <c>each.value</c>, <c>kind.name["key"].attr[0]</c>.</summary>
public sealed record ReferenceExpression(ImmutableArray<TraversalStep> Steps, SourceSpan Span) : Expression(Span)
{
    public string Root => ((AttributeStep)Steps[0]).Name;

    protected override IEnumerable<Expression> Children() => Steps.OfType<DynamicIndexStep>().Select(d => d.Key);

    public override string ToString() => TraversalStep.Format(Steps);
}

/// <summary><c>secret:PATH#KEY</c>: one value of a SOPS file, always sensitive.</summary>
public sealed record SecretExpression(string Path, string Key, SourceSpan Span) : Expression(Span);

public sealed record ListExpression(ImmutableArray<Expression> Items, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Items;
}

public sealed record MapExpression(ImmutableArray<MapEntryExpression> Entries, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Entries.Select(e => e.Value);

    public MapEntryExpression? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);
}

public sealed record MapEntryExpression(string Key, SourceSpan KeySpan, Expression Value);
