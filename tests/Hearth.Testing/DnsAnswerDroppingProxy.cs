using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Hearth.Testing;

/// <summary>
/// A TCP proxy in front of a real DNS server that can lose the answers to UPDATE messages: the server gets the update
/// and applies it, the client's connection is closed before the answer reaches it. Everything else (zone transfers,
/// queries) passes through unchanged.
/// </summary>
public sealed class DnsAnswerDroppingProxy : IAsyncDisposable
{
    private const int UpdateOpcode = 5;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _answersToDrop;

    public DnsAnswerDroppingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Updates whose answers were lost so far.</summary>
    public int Dropped { get; private set; }

    /// <summary>Loses the answers to the next <paramref name="count"/> UPDATE messages.</summary>
    public void DropNextUpdateAnswers(int count) => Interlocked.Exchange(ref _answersToDrop, count);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var fromClient = client.GetStream();
                var toServer = upstream.GetStream();
                var first = await ReadMessageAsync(fromClient);
                await toServer.WriteAsync(first, _stop.Token);
                var opcode = (first[4] >> 3) & 0xF; // After the 2-byte length: id (2 bytes), then QR|OPCODE|…
                if (opcode == UpdateOpcode && Interlocked.Decrement(ref _answersToDrop) >= 0)
                {
                    await ReadMessageAsync(toServer); // The server has answered, so the update is made; the client never hears.
                    Dropped++;
                    return;
                }
                await Task.WhenAny(fromClient.CopyToAsync(toServer, _stop.Token), toServer.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
                // Either side went away.
            }
        }
    }

    /// <summary>One length-prefixed DNS message over TCP, with its two length bytes.</summary>
    private async Task<byte[]> ReadMessageAsync(NetworkStream stream)
    {
        var length = new byte[2];
        await stream.ReadExactlyAsync(length, _stop.Token);
        var message = new byte[2 + BinaryPrimitives.ReadUInt16BigEndian(length)];
        length.CopyTo(message, 0);
        await stream.ReadExactlyAsync(message.AsMemory(2), _stop.Token);
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
