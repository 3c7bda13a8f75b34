using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>One of sops's file formats: how documents and the <c>sops</c> metadata sit in a file.</summary>
public interface ISopsStore
{
    /// <summary>yaml, json, dotenv, ini or binary.</summary>
    string Name { get; }

    /// <exception cref="SecretsException">The content is not valid in this format (the message names the file and place).</exception>
    SopsParsed Parse(byte[] content, string fileName);

    /// <summary>Writes documents, with the metadata branch when given (an encrypted file) or without (plaintext).</summary>
    /// <exception cref="SecretsException">The documents cannot be expressed in this format (nested values in dotenv, say).</exception>
    byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata);
}
