using System.Net.Sockets;
using Hearth.Core.Diagnostics;
using Npgsql;

namespace Hearth.Storage.Postgres;

/// <summary>
/// Turns Npgsql's failures into <see cref="StateException"/>s that say what failed, at which host and port, and
/// what to do. Messages name the host, port, database and user, never the connection string or its password
/// (Npgsql's own messages, kept as inner exceptions, do not contain the password either).
/// </summary>
internal static class PostgresStateErrors
{
    /// <param name="connecting">Whether the failure came while opening a connection (a timeout then means the server never answered).</param>
    public static StateException Describe(Exception error, PostgresStateLocation location, string doing, bool connecting)
    {
        var server = $"PostgreSQL at {location.Endpoint}";
        return error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
                new StateException(
                    $"{server} refused user {location.Username} while {doing}: {e.MessageText}",
                    "check Username and Password in the state section's conn_str (a ${secret:…} value must hold the current password), and the server's pg_hba.conf",
                    e),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } e =>
                new StateException(
                    $"database {location.Database} does not exist on {server}",
                    $"create it (`createdb -h {location.Host} -p {location.Port} -U {location.Username} {location.Database}`) or fix Database in the state section's conn_str",
                    e),
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } e =>
                new StateException(
                    $"user {location.Username} lacks a privilege on {server} while {doing}: {e.MessageText}",
                    $"grant it, or have the database owner create the schema for this user: CREATE SCHEMA {location.QuotedSchema} AUTHORIZATION {location.Username}",
                    e),
            PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } e =>
                new StateException(
                    $"{server} ended the connection while {doing}: {e.MessageText}",
                    "the server is shutting down or restarting, or an administrator ended the session; run the command again once it is up",
                    e),
            PostgresException e =>
                new StateException($"{server} refused {doing}: {e.SqlState} {e.MessageText}", null, e),
            NpgsqlException e when connecting && Unreachable(e, location) is { } reason =>
                new StateException(
                    $"cannot connect to {server} while {doing}: {reason}",
                    $"check that the server runs and accepts connections on {location.Endpoint} (listen_addresses, port, firewall), and Host and Port in the state section's conn_str",
                    e),
            _ when connecting =>
                new StateException($"cannot log in to {server} as user {location.Username} while {doing}: {error.Message}",
                    "check Host, Port, Username and Password (and any SSL settings) in the state section's conn_str, and the server's pg_hba.conf",
                    error),
            _ =>
                new StateException($"lost the connection to {server} while {doing}: {error.Message}",
                    "check the server and the network, then run the command again", error),
        };
    }

    /// <summary>Why the server could not be reached at all, or null when the failure came later.</summary>
    private static string? Unreachable(NpgsqlException error, PostgresStateLocation location)
    {
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData => "host not found",
                        SocketError.TimedOut => "timed out",
                        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
                        _ => socket.SocketErrorCode.ToString(),
                    };
                case TimeoutException:
                    return $"no answer within {location.ConnectTimeoutSeconds} s";
            }
        }
        return null;
    }
}
