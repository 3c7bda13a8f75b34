using Hearth.Core.Diagnostics;

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
