using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Hearth.Secrets.Stores;

/// <summary>
/// Keeps YamlDotNet's parser (18.1) from rejecting valid comments. After a flow sequence's <c>]</c>, an anchored
/// scalar, or a scalar inside a flow mapping, the parser peeks at the next token without the comment handling it
/// uses everywhere else, and fails on a comment there: <c>args: [a, b]  # note</c> is "did not find expected key".
/// Such comments are held back here instead, and the reader places them where they stand.
/// </summary>
internal sealed class YamlCommentRescuingScanner(IScanner inner) : IScanner
{
    private readonly List<(Comment Comment, bool AfterScalar, long At)> _rescued = [];
    private (bool Scalar, long At) _peekedAfter;
    private readonly Stack<bool> _flowIsMapping = new();
    private bool _anchored;
    private bool _parserPeeksNext;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext()
    {
        if (Current is not null)
            ConsumeCurrent();
        return MoveNextWithoutConsuming();
    }

    public bool MoveNextWithoutConsuming()
    {
        if (!inner.MoveNextWithoutConsuming())
            return false;
        while (_parserPeeksNext && inner.Current is Comment comment)
        {
            _rescued.Add((comment, _peekedAfter.Scalar, _peekedAfter.At));
            inner.ConsumeCurrent();
            if (!inner.MoveNextWithoutConsuming())
                return false;
        }
        Track(inner.Current!);
        return true;
    }

    public void ConsumeCurrent() => inner.ConsumeCurrent();

    /// <summary>The comments held back after the scalar that ends at <paramref name="end"/>.</summary>
    public List<Comment> TakeRescuedAfterScalar(Mark end) => Take(true, end.Index);

    /// <summary>The comments held back after the <c>]</c> at <paramref name="start"/>.</summary>
    public List<Comment> TakeRescuedAfterFlowSequence(Mark start) => Take(false, start.Index);

    private List<Comment> Take(bool afterScalar, long at)
    {
        var taken = _rescued.Where(r => r.AfterScalar == afterScalar && r.At == at).Select(r => r.Comment).ToList();
        _rescued.RemoveAll(r => r.AfterScalar == afterScalar && r.At == at);
        return taken;
    }

    private void Track(Token token)
    {
        _parserPeeksNext = false;
        _peekedAfter = token is Scalar ? (true, token.End.Index) : (false, token.Start.Index);
        switch (token)
        {
            case Anchor:
                _anchored = true;
                break;
            case Scalar:
                _parserPeeksNext = _anchored || (_flowIsMapping.Count > 0 && _flowIsMapping.Peek());
                _anchored = false;
                break;
            case FlowMappingStart or FlowSequenceStart:
                _flowIsMapping.Push(token is FlowMappingStart);
                _anchored = false;
                break;
            case FlowMappingEnd or FlowSequenceEnd:
                if (_flowIsMapping.Count > 0)
                    _flowIsMapping.Pop();
                _parserPeeksNext = token is FlowSequenceEnd;
                break;
            case BlockMappingStart or BlockSequenceStart:
                _anchored = false;
                break;
        }
    }
}
