// SPDX-License-Identifier: Apache-2.0
// Two RSA-2048 seed-share owner keys (generated with `openssl genrsa -traditional 2048` for these tests only).

import ContrastASN1
import ContrastCrypto

enum SeedShareFixtures {
    static let pem1 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEogIBAAKCAQEAxfVc12Y4hbXY7ejBhdJlG5HDwv296fisLCdEnDmlOysI+lPQ
        nc5bTpSIPyk7bCWtlPuRXOH4bxWkNAWUSVVM4iC5hHuYJuURM/HaH++balEbwIcu
        eQsg4bK+wPpGx4FgDhztRHe6Dfo5srVpTtESrSYn43b7gWO9WKAecA6qBpy9Xize
        R/kv46dceDOp28GUpnZ3OxsCzjhUIC2YN3dHuNFSnlTPblfioFgXB+z451bbEVFg
        EpqB+EMz4tSO6ewWqRi+cEbMgS+b9FjWyt3WL+uL3zQSLUXV8yro41k+72BY5t1C
        w1mS5aIuaQY9YGM0W4Rhydaiz0swg+PxaBm69wIDAQABAoIBADNoK2r4bbczaRkn
        N5JD9+O378lkUXxACp4QuH2FbsY1v8gaGfPREd8PLW6Ri4/jHPeyeKZRPE3Epfao
        eECu+R9D9klUO0fmdpgxtz5R3981HurZcBUY8boKzASbOeQ3UbV4h5kfKl7U20Tw
        XV+NZbc3UGZ+kIOiXhp0wlLBTCAZAP9Mo8cR99+XA1HLwwCNdjsBLNokltniMieU
        WqyVRiqsRZltpzJ13USFfLUZ1AH6REeq/JoGQDq9tBO1hBzfvIjGVR5EubkRBoiG
        XbGNo4Gp24NJmuyuLu0/Oqv2n6TV0xOiMzQk0mzuHkrH8/nxoygvGGKgYZaAfzaD
        IEZ6YVkCgYEA60v+lRnO6ajI7czSieA8RpFiXI2rRklDhGwn44eIpBAN/JsAhoSV
        DMbXVMunvhcL2V8zi+jiYdPbAiBSeXVsTZkwGE/sx+XsjdeHoOsdpG+miQweOUYa
        zqY70mmATMw7HCZWdzLv7ECKHV1LkUrtM6vzlw45Na3vjDKSzi+MUFUCgYEA12BU
        WyUVZZllA7k/NU6uV8cE+V6jyCeesfvLjLEEF8yljHg3h7Y56XlAuLCgm7t0p3HW
        hovHw/MpFLFC1bdZHwy0835SSVoDcs+At6SGfgZI38oeV8NWHWAvdCt1hiioqSNN
        o1JRoqW/Z9b5IVpYGP8S6Ww6Cl3AGMH5/MOyOhsCgYBsWQgX3FR9H+22ItToDEt1
        K0kh2VJ/AQmIFs2fZi+zbHkkUrPBPZfs1Dsfns/VJoOcSsxPpqNn7MgyiHOx3jJK
        4TlWWKdtvSBaiF656Mozh/4lqWDZesCpW768OzyLIJgvdC/on5n/LhDrSKSdeOUV
        IB8A9dm+MCPYaQlUzGxOKQKBgE7WzkpG+twkGJwSVZb35E3xZlq6UA3WovrYBxzL
        N4pWuUsAPqOJCw3x+sUgssoPBpa8zyCVTlzmR+VxNdvxr8fz6NExLoH3V0fRuXZ/
        3VOIjWiOHilWMdGzAevudKjVfVfcunDMk2GMdtJWGQAiiBkuVgfoPB7LTqRBbXcf
        U8B9AoGANREb/AMoWJcPwD6pbmrGxbQwfV5Q9kyAWRppanDTfiJEgAvwXdvzxT2C
        SD8E2zWQD3Eosa4ypeP0xy89z2KYy6G0TzD0z9wIcgDe0AEZq4trK3AXHs7tRRb4
        QEPVW9vkUl12ufYztkNYMdU636HfH01nNe+aAXTaULCGyRPodDo=
        -----END RSA PRIVATE KEY-----
        """
    static let pem2 = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEArwhtdug+nT2uA9YYLWxZzZS0qMLBPBe4/zS0/gBNKfeCVRsg
        D3f5/kEVThXF3GnxX4I8Cf60abAGLTd/H/0OPUlJqEbY/WW6jytNK+puEMyW8TCy
        zmqxsrlDXkJSiT9cGu5jCTGM5OwVX1Clc/3pkAyucVnoUbcOyw/GNhD3fqmGq6xk
        mwk/11+UeRSAOg/eyCEcL1vz2M90E6ad12A7aFPTrFN2x8L8Uj9oKtwb60f6GlUz
        rfw/isSB7h7Gg4W+/IqwolnfnTJRTDM809AyNQR1z9HFb0rBU9fpolONzVjRmI55
        1DpJaFW8cBPrAZ8S5BqQT5uqb10sc6TpHd10qQIDAQABAoIBAAymvkrG9Kem6qoK
        UosN9tu+MOS11wPB7zQ7Gg319Z3f7wK5yDJ2CJLRH3oaZsfMvI6buj06tM2i1H92
        MHEeeGYDoxhPrqV6MebhSV2wPy5lq09ZpsL2wUtayrzIbHDRLJYhvvTOKRHu4oiW
        Kq9cngI0eHNm/TzSz3Xr+Pa1eT4lYhgX+3BTFuRr2dhfDaQoW2GpCR4wYIWSPexz
        eQ64F88QAJ/VrHI/50zNgHvok57vxLBqigMLsEIURvQ6qG8m3M2jPzfR/wVH3OJz
        YqvFq+rU+ptL6nZWDHYrU05BV8IKmPFq0t5oU0vUYZchW80jHgwNT7akaF6DepGy
        q4ojVNUCgYEA4IvLAJ/WEQ1ydqBd51Qe0M0rZntrrl+Ql8Hw6R5Y6eNNiJlUCQz7
        S1VXXLZwErv/qc7D5YxKz5hYXYErsupYoxQvTVuVbquvxC+pf2X0WDqge6zVdao9
        UjYVhiYwjkKHHIrHR32+47Pm9nkSS3xi1yh03OktjG1beZXqI6QC4wcCgYEAx40Y
        s5HJybORA3Yy8t4o2f2IA+P0qhqTW0gtRlt4/uFJG10FJFgGdY6P4r0NUxZZCHZp
        PIlBSErOqQTUj4dFpZTN6XXvXBFmw613QDQtQaihLweOx7sUvaDg186tx2zcPxPz
        mq6BylLnNi8NI0285h7L0ELq5qwkHpBGBsUWjs8CgYBhKHulAIP6iuv9IjSfdImE
        5VGjHUIhiB4jW/pmlAf646xXr6hp5iERnpKXfiUOJiRgkCO5PjPckVmi09JZrwa9
        QW2aNkd5RHZgGBNqGW5ZgryP5t/R8uBnoxk7G2klFOorUm0ZpPIkymHkQczFtsN5
        v3qZX5eizGqpOFHALCZHnwKBgBhcqHRbyxfd3Ulf585wwuoCItXewaL2xaCyShy5
        1CbB2EwH6jXKrVcyxWw4CmVnaA05b5WdaCPsRhiqZ0zyhdU2OoFTDZre4P3ospNb
        C19lt+/m606FD34rIugV6m9bYfQtemMbBOtvfZzG18LEndg2UEmnscfhojM9B9+R
        tjRPAoGBAIY35mbL+XhTBbcKlwDI6T/nVUZjRsLLwYjNhZDSbJ2pXF974QErMDEU
        A/w7R4ozsfDywOA+jVi/7YJNai1xFsH/P8+vmrDVvg2/dVOn+VUBEKQd2q8K4oql
        OS4gR70byzb1FXLWm1TjPlmfy6aY4awwz0BLlWdb6Dc2CQKt89AB
        -----END RSA PRIVATE KEY-----
        """

    /// An RSA decryption key from an `RSA PRIVATE KEY` PEM, through ContrastASN1's PKCS#1 decoder.
    static func key(_ pem: String) throws -> RSA.Encryption.PrivateKey {
        let k = try PKCS1RSAPrivateKey(derEncoded: try PEMDocument(pemString: pem).derBytes[...])
        return try RSA.Encryption.PrivateKey(
            n: k.modulus, e: k.publicExponent, d: k.privateExponent, p: k.prime1, q: k.prime2, dP: k.exponent1,
            dQ: k.exponent2, qInv: k.coefficient)
    }
}
