using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

/// <summary>A value as written in the lab, before evaluation; every node keeps its source position.</summary>
public abstract record Expression(SourceSpan Span)
{
    /// <summary>Every reference inside this expression, depth first.</summary>
    public IEnumerable<ReferenceExpression> References() => Descendants().OfType<ReferenceExpression>();

    /// <summary>Every secret lookup inside this expression.</summary>
    public IEnumerable<SecretExpression> Secrets() => Descendants().OfType<SecretExpression>();

    /// <summary>This expression and everything inside it, depth first.</summary>
    public IReadOnlyList<Expression> Descendants()
    {
        var all = new List<Expression>();
        AddWithDescendants(this, all);
        return all;
    }

    // One list for the whole walk: nested iterators would cost an object per level for every node.
    private static void AddWithDescendants(Expression expression, List<Expression> all)
    {
        all.Add(expression);
        foreach (var child in expression.Children())
            AddWithDescendants(child, all);
    }

    protected virtual IEnumerable<Expression> Children() => [];
}
