//! RSA and EC keys with PKCS#1 v1.5 and ECDSA signatures as Node makes and
//! checks them: keys and signatures made by the `openssl` command line tool
//! (`openssl genrsa 2048`, `openssl ecparam -genkey`, `openssl dgst -sign`)
//! are read back.

use serde_json::json;

use super::crypto_tests::answer;

const PRIVATE_PKCS8: &str = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDKCTr8laARvnfj\nkmduFBspI/jhQ1AVM5ut/fs4PAerRCduF5s4q0/w41FdnqYvjNQkvVnnWi+c3qHS\nicDAMT6otmMQM31f8q0vDBlAy+fdUFIg4AHWRHEif5zFq0SwyYUcRRWhMM7ZThoS\nIi6z0QfAet9dGn908wWiKVnYEyvztud0bi4tMB2ct9DLnwuXJCC0IuusaVGX4eaI\n36Al8F7ezDka7Lx0sZQOcdqxg1E/V0of+v/FSMytBgkAbOmrEGXJo4Xp61y+gc9T\nUuZfvmN8TXdsBp5oiNUYqNB6DhFB/e8VfOfM13BaHLHjL8EiEe/C5JcSQeDEZam8\nVGwwRUdRAgMBAAECggEAB+DHQ40kEj0OmLmfPdwb2QVVkZcZ2tHJ2sWCE8XHeMau\nEO1ruJB5jAeZJyDmEwmXRh16EXrjS2clATws33GsI1EFWN7hHyor1Z9PpsassmUM\n5spFWBEQJku6lbyhb5FUFu+csc3g6vlQK+/YSVu3xSolZpB/ctR9Hj8liTbqKlUg\nNv0nR0rehBXIVRik9MLrEwmgu+Yr7ZJ57QN7LYkpTFMvmoYM6dK1HiPiLBdA+5Hr\nUC7f379JAG74BgL4DjBQIpq7zPgu/mbdUTWj3iBfm/CLGMhyAIjYfwl5KTIMxcfN\nWdpWqWcYy36lXbLsLQPZpd5lw9Z0s4s5oEIUORq71wKBgQDzvJQogwm7fNSGl3dx\nwYQAvBZKAunYXlN2764Ymvz6dzk0d9OmXeXqqjz1HXC9Opfzd+hn8j9CcIiVVpeZ\nvegLLMYgGariOW1qigLFlD0620HerwYD9bHRQoS57Os+GoXG7HGn2ahRaRf35vGZ\nA+6A9nKu2GNq2r3h51eBkM3jcwKBgQDUM4hAbGBnieTzdp+08QlGsQEVg1cesPnT\nLKl4nWY17JwXWVpbeUGs0AvLFZuPx1lryI+bayOCwFMhuKj6QpIoVSbi6b+OPvh5\nA7hNsnyG6duoojN21ofFygXQqV1Usugwz14LO6+G3XChTrV6nnYcod2VQbXvefdn\nUGJlkhjhKwKBgBUAZ8fB2sHT9MAQJxOfOA+UJVuFOr8RCaIS7u5h1HCEe2Jg/NS1\n/Iym1I/OVJuJg/RPna/vOLIx3iL4DiIKMgdceUnkzEun5Ryr/acmqcv7foaAkEUh\nE4xTbfpTRsXYJTTJxNVQtOcm5hDPTnv/0bo9Ag68yHw5kuj3NRwN7R+vAoGBALiG\nGzxSQb6nVXU0uQoh87wKHXQ0ouRoZsXwd2oQDRplJxLSu1UB6084FplBr+VmJ2cn\nn2E52EZRsbiIGECO9QOnkEoPk2hBb9XjmzfNNqYm48EPUwtK4APpegcJz8PgUzJm\nkFPaUfdHxjIu/HalJvYc909cNbYJ7E5lwzqpwYLDAoGAZq+Yjsjk0IexMSr5REz5\n3LwJetNl/4qmr+d72ky1TdoGj/1BL+sd3QCctPtAlm/7jAKOWzlb7M6M5pB94lI4\nUl5P7BRlujyZprS7CvEpMh6r0lykpOIOAaD9NeozBEPBq+v+XInryoiPBn/ODRpz\nsiPnnl8t2W/4AAHQkcH1bX8=\n-----END PRIVATE KEY-----";
const PRIVATE_PKCS1: &str = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAygk6/JWgEb5345JnbhQbKSP44UNQFTObrf37ODwHq0Qnbheb\nOKtP8ONRXZ6mL4zUJL1Z51ovnN6h0onAwDE+qLZjEDN9X/KtLwwZQMvn3VBSIOAB\n1kRxIn+cxatEsMmFHEUVoTDO2U4aEiIus9EHwHrfXRp/dPMFoilZ2BMr87bndG4u\nLTAdnLfQy58LlyQgtCLrrGlRl+HmiN+gJfBe3sw5Guy8dLGUDnHasYNRP1dKH/r/\nxUjMrQYJAGzpqxBlyaOF6etcvoHPU1LmX75jfE13bAaeaIjVGKjQeg4RQf3vFXzn\nzNdwWhyx4y/BIhHvwuSXEkHgxGWpvFRsMEVHUQIDAQABAoIBAAfgx0ONJBI9Dpi5\nnz3cG9kFVZGXGdrRydrFghPFx3jGrhDta7iQeYwHmScg5hMJl0YdehF640tnJQE8\nLN9xrCNRBVje4R8qK9WfT6bGrLJlDObKRVgRECZLupW8oW+RVBbvnLHN4Or5UCvv\n2Elbt8UqJWaQf3LUfR4/JYk26ipVIDb9J0dK3oQVyFUYpPTC6xMJoLvmK+2See0D\ney2JKUxTL5qGDOnStR4j4iwXQPuR61Au39+/SQBu+AYC+A4wUCKau8z4Lv5m3VE1\no94gX5vwixjIcgCI2H8JeSkyDMXHzVnaVqlnGMt+pV2y7C0D2aXeZcPWdLOLOaBC\nFDkau9cCgYEA87yUKIMJu3zUhpd3ccGEALwWSgLp2F5Tdu+uGJr8+nc5NHfTpl3l\n6qo89R1wvTqX83foZ/I/QnCIlVaXmb3oCyzGIBmq4jltaooCxZQ9OttB3q8GA/Wx\n0UKEuezrPhqFxuxxp9moUWkX9+bxmQPugPZyrthjatq94edXgZDN43MCgYEA1DOI\nQGxgZ4nk83aftPEJRrEBFYNXHrD50yypeJ1mNeycF1laW3lBrNALyxWbj8dZa8iP\nm2sjgsBTIbio+kKSKFUm4um/jj74eQO4TbJ8hunbqKIzdtaHxcoF0KldVLLoMM9e\nCzuvht1woU61ep52HKHdlUG173n3Z1BiZZIY4SsCgYAVAGfHwdrB0/TAECcTnzgP\nlCVbhTq/EQmiEu7uYdRwhHtiYPzUtfyMptSPzlSbiYP0T52v7ziyMd4i+A4iCjIH\nXHlJ5MxLp+Ucq/2nJqnL+36GgJBFIROMU236U0bF2CU0ycTVULTnJuYQz057/9G6\nPQIOvMh8OZLo9zUcDe0frwKBgQC4hhs8UkG+p1V1NLkKIfO8Ch10NKLkaGbF8Hdq\nEA0aZScS0rtVAetPOBaZQa/lZidnJ59hOdhGUbG4iBhAjvUDp5BKD5NoQW/V45s3\nzTamJuPBD1MLSuAD6XoHCc/D4FMyZpBT2lH3R8YyLvx2pSb2HPdPXDW2CexOZcM6\nqcGCwwKBgGavmI7I5NCHsTEq+URM+dy8CXrTZf+Kpq/ne9pMtU3aBo/9QS/rHd0A\nnLT7QJZv+4wCjls5W+zOjOaQfeJSOFJeT+wUZbo8maa0uwrxKTIeq9JcpKTiDgGg\n/TXqMwRDwavr/lyJ68qIjwZ/zg0ac7Ij555fLdlv+AAB0JHB9W1/\n-----END RSA PRIVATE KEY-----";
const PUBLIC_SPKI: &str = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAygk6/JWgEb5345JnbhQb\nKSP44UNQFTObrf37ODwHq0QnbhebOKtP8ONRXZ6mL4zUJL1Z51ovnN6h0onAwDE+\nqLZjEDN9X/KtLwwZQMvn3VBSIOAB1kRxIn+cxatEsMmFHEUVoTDO2U4aEiIus9EH\nwHrfXRp/dPMFoilZ2BMr87bndG4uLTAdnLfQy58LlyQgtCLrrGlRl+HmiN+gJfBe\n3sw5Guy8dLGUDnHasYNRP1dKH/r/xUjMrQYJAGzpqxBlyaOF6etcvoHPU1LmX75j\nfE13bAaeaIjVGKjQeg4RQf3vFXznzNdwWhyx4y/BIhHvwuSXEkHgxGWpvFRsMEVH\nUQIDAQAB\n-----END PUBLIC KEY-----";
/// `openssl dgst -sha256 -sign` of `header.payload`, base64.
const SIGNATURE: &str = "Kn5PBDTpn4k7kPCHNDrCH+cAQqxEy6hH4QMGBZnwn3MWoGDEEozEvNtUkzAJY5jo78xW+WQJGk/i0OHEWHTokbEN3zp8jKqiAzMAyqBAbmsJmSM5Ov7L/mKFs5zhgSWtQRtcNmSQnhOO6An7KKPax7o/mO1J+wQiRRD5KTJ19PaCCruCzXQwO1zLPzzZViFSLAHBOioEOFqjuqbBDjix71s9tANDQiFo7N6l3/rXtaVBJZLgLAhTFviYGdfqYCdgsm9VsoXcxSaloCMtS7bdlQXcIooEJm+f+bRJKuADopJaICK8FLz7rYtH621wPRX090TzgBXnzYPz7dYHwoHcjQ==";
/// The public key's modulus as a JWK `n`.
const JWK_N: &str = "ygk6_JWgEb5345JnbhQbKSP44UNQFTObrf37ODwHq0QnbhebOKtP8ONRXZ6mL4zUJL1Z51ovnN6h0onAwDE-qLZjEDN9X_KtLwwZQMvn3VBSIOAB1kRxIn-cxatEsMmFHEUVoTDO2U4aEiIus9EHwHrfXRp_dPMFoilZ2BMr87bndG4uLTAdnLfQy58LlyQgtCLrrGlRl-HmiN-gJfBe3sw5Guy8dLGUDnHasYNRP1dKH_r_xUjMrQYJAGzpqxBlyaOF6etcvoHPU1LmX75jfE13bAaeaIjVGKjQeg4RQf3vFXznzNdwWhyx4y_BIhHvwuSXEkHgxGWpvFRsMEVHUQ";

fn with_keys(body: &str) -> serde_json::Value {
    answer(&format!(
        "const PRIV = `{PRIVATE_PKCS8}`, PRIV1 = `{PRIVATE_PKCS1}`, PUB = `{PUBLIC_SPKI}`, SIG = '{SIGNATURE}', N = '{JWK_N}';\n{body}"
    ))
}

#[test]
fn an_openssl_signature_verifies_from_pem_and_jwk_and_signing_reproduces_it() {
    let v = with_keys(
        "const jwk = crypto.createPublicKey({ key: { kty: 'RSA', n: N, e: 'AQAB' }, format: 'jwk' });
         const v1 = crypto.createVerify('RSA-SHA256').update('header.payload').verify(PUB, SIG, 'base64');
         const v2 = crypto.verify('sha256', Buffer.from('header.payload'), jwk, Buffer.from(SIG, 'base64'));
         const v3 = crypto.createVerify('RSA-SHA256').update('header.payloaD').verify(jwk, SIG, 'base64');
         const s1 = crypto.createSign('RSA-SHA256').update('header.').update('payload').sign(PRIV, 'base64');
         const s2 = crypto.sign('sha256', Buffer.from('header.payload'), crypto.createPrivateKey(PRIV1)).toString('base64');
         const pub = crypto.createPublicKey(PRIV);
         return [v1, v2, v3, s1 === SIG, s2 === SIG, pub.type, pub.asymmetricKeyType, pub.asymmetricKeyDetails.modulusLength, pub.export({ format: 'jwk' }).n === N];",
    );
    assert_eq!(
        v,
        json!([true, true, false, true, true, "public", "rsa", 2048, true])
    );
}

#[test]
fn keys_stratus_does_not_read_say_so_and_bad_pem_fails_as_openssl_does() {
    let v = with_keys(
        "const out = [];
         for (const f of [() => crypto.createPublicKey('not a key'), () => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-521', x: 'a', y: 'b' }, format: 'jwk' }),
                          () => crypto.createSign('sha256').update('x').sign({ key: PRIV, padding: crypto.constants.RSA_PKCS1_PSS_PADDING })]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.code + ': ' + e.message); }
         }
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "ERR_OSSL_UNSUPPORTED: error:1E08010C:DECODER routines::unsupported",
            "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM: An EC JSON Web Key on P-521 is not supported in Stratus (RSA keys with PKCS#1 v1.5 signatures and P-256/P-384 ECDSA are)",
            "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM: RSA padding 6 is not supported in Stratus (RSA keys with PKCS#1 v1.5 signatures and P-256/P-384 ECDSA are)"
        ])
    );
}

#[test]
fn rsa_2048_and_p256_signing_and_verifying_fit_an_invocations_default_step_budget() {
    let source = format!(
        "import crypto from 'node:crypto'; const PRIV = `{PRIVATE_PKCS8}`, EC = `{EC_PKCS8}`, ECPUB = `{EC_SPKI}`;\nexport const handler = async () => {{ const s = crypto.sign('sha256', Buffer.from('x'), EC); return crypto.verify('sha256', Buffer.from('x'), ECPUB, s) ? crypto.createSign('RSA-SHA256').update('x').sign(PRIV, 'base64').length : -1; }};"
    );
    let mut c = crate::runtime::FunctionConfig::new(
        "f",
        "index.handler",
        [("index.mjs".to_string(), source)].into_iter().collect(),
    );
    c.limits = crate::runtime::Limits::default();
    let mut env = crate::runtime::Environment::init(c, crate::runtime::tests::T0).unwrap();
    let out = crate::runtime::tests::run_through_waits(&mut env, "r", crate::runtime::tests::T0);
    assert_eq!(out.result, Ok(json!(344)));
    assert!(out.steps < 50_000, "{} steps", out.steps);
}

const EC_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEILE49B9ANHw81jJgudvv8sKIvCN+g/sV2Vm3iRot2xm1oAoGCCqGSM49\nAwEHoUQDQgAEVwyi6LbvN2DC6yay1qRle5l/37xeppyPpGiRZztyzB2s1q3nhHBK\nG0JMQDoAMgYqT9hR0A/E/NsBYQP/bI1IfA==\n-----END EC PRIVATE KEY-----";
const EC_PKCS8: &str = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsTj0H0A0fDzWMmC5\n2+/ywoi8I36D+xXZWbeJGi3bGbWhRANCAARXDKLotu83YMLrJrLWpGV7mX/fvF6m\nnI+kaJFnO3LMHazWreeEcEobQkxAOgAyBipP2FHQD8T82wFhA/9sjUh8\n-----END PRIVATE KEY-----";
const EC_SPKI: &str = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEVwyi6LbvN2DC6yay1qRle5l/37xe\nppyPpGiRZztyzB2s1q3nhHBKG0JMQDoAMgYqT9hR0A/E/NsBYQP/bI1IfA==\n-----END PUBLIC KEY-----";
const EC384_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDARtn7J0wIBMIMUnD3GfGNeiuN8TS9MwZrNCGBQ2R91zD+1MoITxaie\nhR8XcQorHwqgBwYFK4EEACKhZANiAATT9zImKG1ByLFDjQDNqYCdgcI0Ul0TjkYI\n/dxpeKYMIIoV0O2M+n9ED09nrLfwIhKaa0GATbkId3n3Ek89aTZOq0JHywRFfP0P\n+l1T3rhEEJDKC5U97A0hRasRzc4y/n8=\n-----END EC PRIVATE KEY-----";
const EC384_SPKI: &str = "-----BEGIN PUBLIC KEY-----\nMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE0/cyJihtQcixQ40AzamAnYHCNFJdE45G\nCP3caXimDCCKFdDtjPp/RA9PZ6y38CISmmtBgE25CHd59xJPPWk2TqtCR8sERXz9\nD/pdU964RBCQyguVPewNIUWrEc3OMv5/\n-----END PUBLIC KEY-----";
/// `openssl dgst -sha256 -sign` (P-256) and `-sha384` (P-384) of `header.payload`, DER, base64.
const EC_SIGNATURE: &str = "MEYCIQC4ozoFqQpABrD6FA3RXOFA/9YJnBqo4+pNl98oBOQa8AIhAJmHt83UKNXdfuO2SHzJQC4febSPiIohJAs21rb48WyK";
const EC384_SIGNATURE: &str = "MGQCMF9DSVJWTuJ+mOBPJ6JJ8W7C9mMLNQnkvb5MaL5XuEajG/3ctTjzB5o+l/NeqiH+KgIwL5m/OUeLwasAOa2Wbizb7eNnKvGcfCfdVb8Sy/QkW4eXRVsdZ07pObVGlYkhYSZi";
const EC_X: &str = "Vwyi6LbvN2DC6yay1qRle5l_37xeppyPpGiRZztyzB0";
const EC_Y: &str = "rNat54RwShtCTEA6ADIGKk_YUdAPxPzbAWED_2yNSHw";

fn with_ec_keys(body: &str) -> serde_json::Value {
    answer(&format!(
        "const SEC1 = `{EC_SEC1}`, PK8 = `{EC_PKCS8}`, PUB = `{EC_SPKI}`, SEC1_384 = `{EC384_SEC1}`, PUB384 = `{EC384_SPKI}`, SIG = '{EC_SIGNATURE}', SIG384 = '{EC384_SIGNATURE}', X = '{EC_X}', Y = '{EC_Y}';\n{body}"
    ))
}

#[test]
fn openssl_ecdsa_signatures_verify_and_ecdsa_signs_in_der_and_ieee_p1363() {
    let v = with_ec_keys(
        "const jwk = crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: X, y: Y }, format: 'jwk' });
         const v1 = crypto.createVerify('SHA256').update('header.payload').verify(PUB, SIG, 'base64');
         const v2 = crypto.verify('sha256', Buffer.from('header.payload'), jwk, Buffer.from(SIG, 'base64'));
         const v3 = crypto.verify('sha256', Buffer.from('header.payloaD'), jwk, Buffer.from(SIG, 'base64'));
         const v4 = crypto.createVerify('sha384').update('header.payload').verify(PUB384, SIG384, 'base64');
         const der = crypto.sign('sha256', Buffer.from('msg'), PK8);
         const raw = crypto.sign('sha256', Buffer.from('msg'), { key: SEC1, dsaEncoding: 'ieee-p1363' });
         const ok = [crypto.verify('sha256', Buffer.from('msg'), PUB, der), crypto.verify('sha256', Buffer.from('msg'), { key: PUB, dsaEncoding: 'ieee-p1363' }, raw)];
         const derived = crypto.createPublicKey(SEC1).export({ format: 'jwk' });
         const priv = crypto.createPrivateKey(SEC1_384);
         const s384 = crypto.createSign('SHA384').update('x').sign(priv);
         return [v1, v2, v3, v4, der[0], raw.length, ok, derived.x === X && derived.y === Y, derived.crv, priv.asymmetricKeyType, priv.asymmetricKeyDetails.namedCurve,
                 crypto.createVerify('SHA384').update('x').verify(PUB384, s384)];",
    );
    assert_eq!(
        v,
        json!([
            true,
            true,
            false,
            true,
            0x30,
            64,
            [true, true],
            true,
            "P-256",
            "ec",
            "secp384r1",
            true
        ])
    );
}

#[test]
fn webcrypto_rsassa_and_ecdsa_keys_sign_and_verify_as_node_does() {
    let rsa = with_keys(
        "const s = crypto.webcrypto.subtle;
         const der = Buffer.from(PRIV.replace(/-----[A-Z ]+-----|\\s/g, ''), 'base64');
         const priv = await s.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
         const pub = await s.importKey('jwk', { kty: 'RSA', n: N, e: 'AQAB' }, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }, true, ['verify']);
         const sig = Buffer.from(await s.sign('RSASSA-PKCS1-v1_5', priv, Buffer.from('header.payload'))).toString('base64');
         const ok = await s.verify('RSASSA-PKCS1-v1_5', pub, Buffer.from(SIG, 'base64'), Buffer.from('header.payload'));
         return [sig === SIG, ok, pub.type, pub.algorithm.modulusLength, (await s.exportKey('jwk', pub)).n === N];",
    );
    assert_eq!(rsa, json!([true, true, "public", 2048, true]));
    let ec = with_ec_keys(
        "const s = crypto.webcrypto.subtle;
         const jwk = crypto.createPrivateKey(SEC1).export({ format: 'jwk' });
         const priv = await s.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
         const pub = await s.importKey('jwk', { kty: 'EC', crv: 'P-256', x: X, y: Y }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
         const sig = await s.sign({ name: 'ECDSA', hash: 'SHA-256' }, priv, Buffer.from('msg'));
         return [sig.byteLength, await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, Buffer.from('msg')),
                 crypto.verify('sha256', Buffer.from('msg'), { key: PUB, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig)),
                 await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, Buffer.from('msG'))];",
    );
    assert_eq!(ec, json!([64, true, true, false]));
}
