using Hearth.Secrets;

namespace Hearth.Cli.Commands.Sops;

/// <summary>The exit codes of sops's command line, so scripts written for sops read Hearth's the same way.</summary>
internal static class SopsExitCodes
{
    public const int Generic = 1;
    public const int CouldNotReadInputFile = 2;
    public const int CouldNotWriteOutputFile = 3;
    public const int ErrorReadingConfig = 5;
    public const int InvalidSetFormat = 7;
    public const int ConflictingParameters = 8;
    public const int ErrorEncryptingTree = 23;
    public const int ErrorDecryptingTree = 25;
    public const int MacMismatch = 51;
    public const int MacNotFound = 52;
    public const int KeyboardInterrupt = 85;
    public const int InvalidTreePathFormat = 91;
    public const int NoFileSpecified = 100;
    public const int NoEncryptionKeyFound = 111;
    public const int CouldNotRetrieveKey = 128;
    public const int FileHasNotBeenModified = 200;
    public const int NoEditorFound = 201;
    public const int FileAlreadyEncrypted = 203;

    public static int For(SecretsFailure failure) => failure switch
    {
        SecretsFailure.InvalidFile => CouldNotReadInputFile,
        SecretsFailure.NoKey => CouldNotRetrieveKey,
        SecretsFailure.MacMismatch => MacMismatch,
        SecretsFailure.MacMissing => MacNotFound,
        SecretsFailure.DecryptionFailed => ErrorDecryptingTree,
        SecretsFailure.KeyNotFound => Generic,
        SecretsFailure.InvalidConfig => ErrorReadingConfig,
        SecretsFailure.EncryptionFailed => ErrorEncryptingTree,
        SecretsFailure.NoRecipients => NoEncryptionKeyFound,
        SecretsFailure.InvalidTreePath => InvalidTreePathFormat,
        _ => Generic,
    };
}
