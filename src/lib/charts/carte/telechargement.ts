// The map's drawing turned into a PNG file, through a canvas.

/** The drawing as a PNG, through a canvas: the SVG is read from a blob URL, nothing is fetched. */
export async function svgEnPng(
	svg: string,
	largeur: number,
	hauteur: number,
	echelle = 2
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(largeur * echelle);
		canvas.height = Math.round(hauteur * echelle);
		const contexte = canvas.getContext('2d');
		if (!contexte) throw new Error('canvas 2d indisponible');
		contexte.fillStyle = '#ffffff';
		contexte.fillRect(0, 0, canvas.width, canvas.height);
		contexte.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG non produit'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
