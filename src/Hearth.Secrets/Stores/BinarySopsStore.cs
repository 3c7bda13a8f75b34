using System.Text;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>
/// Any other file: its whole content is one value, <c>data</c>; encrypted, it is written as the JSON store writes
/// <c>{"data": …, "sops": …}</c>, and decrypted back to the exact original bytes.
/// </summary>
public sealed class BinarySopsStore(int indent = 1, char indentCharacter = '\t') : ISopsStore
{
    private const string DataKey = "data";

    public string Name => "binary";

    public SopsParsed Parse(byte[] content, string fileName)
    {
        if (content.Length > 0 && content[0] == (byte)'{')
        {
            try
            {
                var parsed = new JsonSopsStore().Parse(content, fileName);
                if (parsed.IsEncrypted)
                    return parsed;
            }
            catch (SecretsException)
            {
                // Not a SOPS wrapper: the bytes are the data.
            }
        }
        return new SopsParsed([new SopsMap([KeyValuePair.Create(DataKey, (SopsNode)new SopsScalar(Text(content)))])], null);
    }

    /// <summary>Valid UTF-8 becomes a string; anything else stays bytes (encrypted as <c>str</c> all the same, as sops does).</summary>
    private static object Text(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return content;
        }
    }

    public byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        var data = documents.Count == 0 ? null : documents[0].Get(DataKey);
        if (metadata is not null)
            return new JsonSopsStore(indent, indentCharacter).Write(documents, metadata);
        return data switch
        {
            SopsScalar { Value: string text } => Encoding.UTF8.GetBytes(text),
            SopsScalar { Value: byte[] bytes } => bytes,
            _ => throw new SecretsException(SecretsFailure.InvalidFile, "a binary file's tree must hold one string value, `data`", "decrypt it with --output-type json or yaml"),
        };
    }
}
