using System.Collections.Specialized;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Hearth.Testing.S3;

/// <summary>
/// One client connection to <see cref="FakeS3Server"/>: HTTP/1.1 requests read off the socket (Content-Length bodies,
/// <c>Expect: 100-continue</c>, keep-alive) and answers written back, or the socket reset to drop the connection.
/// </summary>
internal sealed class FakeS3Connection(TcpClient client) : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly NetworkStream _stream = client.GetStream();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request, or null when the client closed the connection.</summary>
    public async Task<FakeS3Request?> ReadAsync(CancellationToken cancellationToken)
    {
        var requestLine = await ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(requestLine))
            return null;
        var parts = requestLine.Split(' ');
        if (parts.Length != 3)
            throw new IOException($"malformed request line: {requestLine}");
        var headers = new NameValueCollection(StringComparer.OrdinalIgnoreCase);
        var headerBytes = 0;
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            headerBytes += line.Length;
            if (headerBytes > MaxHeaderBytes)
                throw new IOException("request headers too large");
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        if (string.Equals(headers["Expect"], "100-continue", StringComparison.OrdinalIgnoreCase))
            await _stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken);
        if (headers["Transfer-Encoding"] is not null)
            throw new IOException("chunked request bodies are not supported by this fake; send Content-Length");
        var length = long.Parse(headers["Content-Length"] ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
                throw new IOException("the client closed the connection inside a request body");
            var take = (int)Math.Min(length - read, _end - _start);
            Array.Copy(_buffer, _start, body, read, take);
            _start += take;
            read += take;
        }
        return FakeS3Request.Parse(parts[0], parts[1], headers, body);
    }

    public async Task WriteAsync(FakeS3Request request, FakeS3Response response, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow.UtcDateTime.ToString("R", CultureInfo.InvariantCulture)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"x-amz-request-id: {Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()}\r\n")
            .Append("Server: FakeS3\r\n");
        foreach (var (name, value) in response.Headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        var isHead = request.Method == "HEAD";
        var bodyLength = isHead ? response.HeadLength ?? 0 : response.Body.Length;
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {bodyLength}\r\n\r\n");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        if (!isHead && response.Status != 304)
            await _stream.WriteAsync(response.Body, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Resets the connection (RST): the client sees it drop with no answer.</summary>
    public void Drop()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    public void Dispose() => client.Dispose();

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
                return line.Length == 0 ? null : throw new IOException("the client closed the connection inside a request line");
            var b = _buffer[_start++];
            if (b == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)b);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        501 => "Not Implemented",
        503 => "Slow Down",
        _ => "Status",
    };
}
