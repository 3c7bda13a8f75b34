using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Hearth.Testing;

/// <summary>What the fixtures that start a real DNS server (BIND, Knot) share: a free port, a readiness probe, a clean stop.</summary>
public static class LoopbackDnsServer
{
    /// <summary>Kills a server started by a fixture and waits (up to 10 s) for it to be gone.</summary>
    public static async Task StopAsync(Process process)
    {
        if (process.HasExited)
            return;
        process.Kill(entireProcessTree: true);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed and not reaped within 10 s: nothing more can be done from here.
        }
    }

    /// <summary>Ready means a real answer: the SOA of a served zone, authoritative, over UDP.</summary>
    public static async Task<bool> AnswersAsync(int port, string zone, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var query = SoaQuery(zone, out var id);
        try
        {
            await udp.SendAsync(query, new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
            var reply = await udp.ReceiveAsync(timeout.Token);
            var buffer = reply.Buffer;
            // Same id, a response, rcode NOERROR, at least one answer.
            return buffer.Length >= 12 && buffer[0] == id >> 8 && buffer[1] == (id & 0xff) && (buffer[2] & 0x80) != 0 &&
                   (buffer[3] & 0x0f) == 0 && (buffer[6] << 8 | buffer[7]) > 0;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static byte[] SoaQuery(string zone, out ushort id)
    {
        id = (ushort)RandomNumberGenerator.GetInt32(1, 0xffff);
        var message = new List<byte> { (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in zone.TrimEnd('.').Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        message.AddRange([0, 0, 6, 0, 1]); // root, type SOA, class IN
        return [.. message];
    }

    /// <summary>A loopback port free for both TCP and UDP, as a DNS server needs.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            tcp.Stop();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Free for TCP but not for UDP: try another.
            }
        }
        throw new InvalidOperationException("no loopback port free for both TCP and UDP");
    }
}
