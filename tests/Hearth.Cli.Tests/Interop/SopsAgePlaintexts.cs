namespace Hearth.Cli.Tests.Interop;

/// <summary>
/// Realistic plaintexts for the sops-age interop tests and, written by hand, the trees they must decrypt to.
/// Left out because sops-age reads them unlike sops (tests/interop/npm/README.md): map keys made of digits only,
/// integers beyond 2^53, multi-document YAML, dotenv values left clear with surrounding spaces or quotes.
/// Left out because Hearth's YAML reader mishandles them today: a comment as the first line of a nested block, one
/// right after a nested block, and one right after a flow collection (<c>[a, b]</c>).
/// </summary>
internal static class SopsAgePlaintexts
{
    public const string Yaml = """
        # Billing service settings
        service:
            name: billing # shown in logs
            replicas: 3
            ratio: 0.75
            threshold: 1.5e3
            negative: -42
            largest_exact: 9007199254740991
            enabled: true
            # off in production
            debug: false
            empty: ""
            nothing: null
            key with spaces: value with spaces
            unicode: "héllo wörld ✓ 日本"
            quoted: 'it''s "quoted" and has a # hash'
            motd: |
                Welcome to billing.
                  Indented line.
            stripped: |-
                no trailing newline
            kept: |+
                two trailing newlines

            folded: >
                folded
                text
            nested:
                deeper:
                    token: s3cr3t
        database:
            hosts:
                - db1.example.org
                # the replica
                - db2.example.org
            ports: [5432, 5433]
            users:
                - name: app
                  password: hunter2
                - name: readonly
                  password: correct horse battery staple
            matrix:
                - [1, 2.5]
                - [true, "x"]
            empty_list: []
            empty_map: {}
        build_unencrypted:
            number: 7
            flags: [a, b]
            commit: 3caa28b
        public_unencrypted: visible
        # end of file

        """;

    public const string YamlTree = """
        {
          "service": {
            "name": "billing", "replicas": 3, "ratio": 0.75, "threshold": 1500, "negative": -42,
            "largest_exact": 9007199254740991, "enabled": true, "debug": false, "empty": "", "nothing": null,
            "key with spaces": "value with spaces", "unicode": "héllo wörld ✓ 日本",
            "quoted": "it's \"quoted\" and has a # hash",
            "motd": "Welcome to billing.\n  Indented line.\n", "stripped": "no trailing newline",
            "kept": "two trailing newlines\n\n", "folded": "folded text\n",
            "nested": { "deeper": { "token": "s3cr3t" } }
          },
          "database": {
            "hosts": ["db1.example.org", "db2.example.org"],
            "ports": [5432, 5433],
            "users": [
              { "name": "app", "password": "hunter2" },
              { "name": "readonly", "password": "correct horse battery staple" }
            ],
            "matrix": [[1, 2.5], [true, "x"]],
            "empty_list": [],
            "empty_map": {}
          },
          "public_unencrypted": "visible",
          "build_unencrypted": { "number": 7, "flags": ["a", "b"], "commit": "3caa28b" }
        }
        """;

    public const string KubernetesSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
            name: db-credentials
            namespace: billing
            labels:
                app: billing
        type: Opaque
        stringData:
            username: billing
            password: "p@ss: w0rd!"
        data:
            tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg==

        """;

    public const string KubernetesSecretTree = """
        {
          "apiVersion": "v1", "kind": "Secret",
          "metadata": { "name": "db-credentials", "namespace": "billing", "labels": { "app": "billing" } },
          "type": "Opaque",
          "stringData": { "username": "billing", "password": "p@ss: w0rd!" },
          "data": { "tls.key": "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg==" }
        }
        """;

    /// <summary>Its own expected tree: JSON in, the same JSON out.</summary>
    public const string Json = """
        {
          "database": {
            "host": "db.internal",
            "port": 5432,
            "password": "<&>\"quoted\" \\ back\tslash",
            "replicas": [{ "host": "r1", "weight": 0.5 }, { "host": "r2", "weight": 1.25 }]
          },
          "features": { "beta": true, "legacy": false, "limits": [10, 20.5, -3] },
          "nothing": null,
          "empty": "",
          "unicode": "naïve ☃ \u00e9",
          "big_float": 1e21,
          "tiny": 1.5e-7,
          "empty_object": {},
          "empty_array": [],
          "public_unencrypted": "<visible> & clear"
        }

        """;

    /// <summary>Written with escapes: GREETING's trailing space must survive editors, and MULTI_LINE holds a backslash-n.</summary>
    public const string Dotenv =
        "# Database\n" +
        "DB_HOST=db.internal\n" +
        "DB_PASSWORD=p@ss=w0rd#1\n" +
        "GREETING= hello, world \n" +
        "QUOTED=\"kept as is\"\n" +
        "MULTI_LINE=first\\nsecond\n" +
        "UNICODE=grüße ✓\n" +
        "EMPTY=\n" +
        "# Logging\n" +
        "LOG_LEVEL_unencrypted=debug\n";

    public const string DotenvTree = """
        {
          "DB_HOST": "db.internal", "DB_PASSWORD": "p@ss=w0rd#1", "GREETING": " hello, world ",
          "QUOTED": "\"kept as is\"", "MULTI_LINE": "first\nsecond", "UNICODE": "grüße ✓", "EMPTY": "",
          "LOG_LEVEL_unencrypted": "debug"
        }
        """;
}
