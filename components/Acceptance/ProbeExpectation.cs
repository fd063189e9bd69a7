namespace Kubedos.Components.Acceptance;

/// <summary>What a probe must see for its gate to pass.</summary>
internal enum ProbeExpectation
{
    /// <summary>The command succeeds (a ping answered, a configuration check held).</summary>
    Succeeds,

    /// <summary>A TCP connection reaches the peer: accepted, or refused by the peer itself (nothing filtered it).</summary>
    Reaches,

    /// <summary>A TCP connection gets no answer at all: a firewall dropped it.</summary>
    Filtered,

    /// <summary>An SSH login is refused by the server (Permission denied).</summary>
    LoginRefused,

    /// <summary>An SSH password login is refused because the server offers public keys only.</summary>
    PasswordRefused,

    /// <summary>Nothing answers a TCP connection: refused (nothing listens there) or filtered; only an accepted connection fails it.</summary>
    Unreachable,

    /// <summary>An enroll attempt is refused by the enrollment service for its missing or unknown token.</summary>
    EnrollmentRefused,
}
