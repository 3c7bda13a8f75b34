namespace Hearth.Testing.B2;

/// <summary>An error <see cref="FakeB2"/> answers with its envelope <c>{status, code, message}</c>.</summary>
internal sealed class FakeB2Refusal(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
