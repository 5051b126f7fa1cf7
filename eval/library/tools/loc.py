import re, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from qtool import raw, norm, res_units
PARA=re.compile(r'^\s{0,40}(\d{1,3})\.\s+\S')
_cache={}
def doc_index(doc):
    if doc in _cache: return _cache[doc]
    lines=raw(doc).replace('\u00ad','').split('\n')
    # paragraph tracking
    cur=None; last=0; paras=[]
    for l in lines:
        m=PARA.match(l)
        if m:
            n=int(m.group(1))
            if n==last+1 or (last==0 and n==1) or (n>last and n<=last+3):
                cur=n; last=n
        paras.append(cur)
    toks=[]  # (word, line)
    for i,l in enumerate(lines):
        ws=l.split()
        for w in ws: toks.append([w,i])
    # hyphen rejoin at line ends
    out=[]
    k=0
    while k<len(toks):
        w,i=toks[k]
        if k+1<len(toks) and toks[k+1][1]!=i and re.search(r'[a-z]-$',w) and re.match(r'[a-z]',toks[k+1][0]) and lines[i].rstrip().endswith(w):
            out.append([w[:-1]+toks[k+1][0], i]); k+=2; continue
        out.append([w,i]); k+=1
    offs=[]; pos=0; parts=[]
    for w,i in out:
        offs.append(pos); parts.append(w); pos+=len(w)+1
    text=' '.join(parts)
    _cache[doc]=(text,offs,out,paras,lines)
    return _cache[doc]
def para_of(doc,quote):
    """returns (auto_unit, lineno, count)"""
    if doc.startswith(('A_RES','E_RES','A_HRC')):
        hits=[u for u,b in res_units(doc) if norm(quote) in norm(b)]
        return (hits[0] if hits else None, None, len(hits))
    text,offs,toks,paras,lines=doc_index(doc)
    q=norm(quote)
    p=text.find(q)
    if p<0: return (None,None,0)
    import bisect
    ti=bisect.bisect_right(offs,p)-1
    li=toks[ti][1]
    n=paras[li]
    return (('para %d'%n) if n else None, li+1, text.count(q))
