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

    /// <summary>An enroll attempt is refused by the enrollment service for its missing or unknown token.</summary>
    EnrollmentRefused,

    /// <summary>A TCP connection does not get through: dropped by a firewall, refused, or without a route; anything but connected.</summary>
    Unreachable,

    /// <summary>A TLS client reaches the server, which ends the session for want of a certificate it trusts (curl exits 16, 35, 55 or 56).</summary>
    TlsRefused,
}
