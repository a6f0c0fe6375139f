"""The organisation's seal on the signed authentication document: a PAdES signature (pyHanko)
made with the organisation's certificate, so that any change to the file is detectable.

Production names a PKCS#12 file and its passphrase (settings SEAL_PKCS12_PATH and
SEAL_PKCS12_PASSPHRASE). Without one, a demo key and self-signed certificate are made on first
use and kept in the database (OrganisationSeal), so every server seals with the same one."""

import datetime
from io import BytesIO

from asn1crypto import keys, x509
from cryptography import x509 as crypto_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from filings.models import OrganisationSeal

SEAL_FIELD = "OrganisationSeal"
DEMO_SEAL_NAME = "Form 12b-25 demo seal (self-signed, not for production)"


def seal_signer() -> signers.SimpleSigner:
    """The signer that seals: the configured PKCS#12 file, or the demo seal."""
    path = settings.SEAL_PKCS12_PATH
    if path:
        passphrase = settings.SEAL_PKCS12_PASSPHRASE
        signer = signers.SimpleSigner.load_pkcs12(
            path, passphrase=passphrase.encode() if passphrase else None
        )
        if signer is None:
            raise RuntimeError(f"The seal's PKCS#12 file {path} could not be read.")
        return signer
    seal = demo_seal()
    certificate = x509.Certificate.load(
        crypto_x509.load_pem_x509_certificate(seal.certificate_pem.encode()).public_bytes(
            serialization.Encoding.DER
        )
    )
    private_key = serialization.load_pem_private_key(seal.private_key_pem.encode(), None)
    key_info = keys.PrivateKeyInfo.load(
        private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs([certificate]),
    )


def demo_seal() -> OrganisationSeal:
    """The demo seal, made on first use: an RSA key and a self-signed certificate valid for
    ten years. Two servers making it at once keep the first one stored."""
    stored = OrganisationSeal.objects.order_by("pk").first()
    if stored is not None:
        return stored
    private_key, certificate = make_self_signed_seal(DEMO_SEAL_NAME)
    OrganisationSeal.objects.get_or_create(
        pk=1,
        defaults={
            "private_key_pem": private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ).decode(),
            "certificate_pem": certificate.public_bytes(serialization.Encoding.PEM).decode(),
        },
    )
    return OrganisationSeal.objects.order_by("pk").first()


def make_self_signed_seal(
    common_name: str, *, key_size: int = 2048
) -> tuple[rsa.RSAPrivateKey, crypto_x509.Certificate]:
    """An RSA key and a self-signed certificate for it, usable to sign documents."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    name = crypto_x509.Name([crypto_x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        crypto_x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(crypto_x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(crypto_x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            crypto_x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(private_key, hashes.SHA256())
    )
    return private_key, certificate


def seal_pdf(pdf: bytes, *, reason: str) -> bytes:
    """`pdf` with the organisation's PAdES seal (baseline B-B) over every byte of it."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    return signers.sign_pdf(writer, metadata, signer=seal_signer()).getvalue()


def seal_certificate() -> x509.Certificate:
    """The certificate the documents are sealed with, to check a seal against."""
    return seal_signer().signing_cert
